package dev.sluice.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's peak resident memory ({@code VmHWM} in /proc/PID/status) and CPU time
 * ({@code utime + stime + cutime + cstime} in /proc/PID/stat: its own and its waited-for children's),
 * read from outside the process so that every contender is measured the same way.
 *
 * @param peakRssKb  the high-water mark of resident memory, KiB
 * @param cpuSeconds user plus system CPU time, children included, seconds
 */
public record ProcStats(long peakRssKb, double cpuSeconds) {

    /** The kernel's clock ticks per second for /proc/PID/stat (USER_HZ: 100 on every Linux build that matters). */
    static final int CLOCK_TICKS = 100;

    /** The process's figures now, or empty once it is gone. */
    public static Optional<ProcStats> read(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            long rss = vmHwmKb(status);
            if (rss < 0) {
                return Optional.empty(); // a zombie: its memory is already gone
            }
            return Optional.of(new ProcStats(rss, (double) cpuTicks(stat) / CLOCK_TICKS));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code VmHWM} in KiB, or -1 when the line is missing. */
    static long vmHwmKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
            }
        }
        return -1;
    }

    /** utime + stime + cutime + cstime: fields 14 to 17, counted after the parenthesised command name. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    public double peakRssMb() {
        return peakRssKb / 1024.0;
    }
}
