package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run was measured on, as the results must say: absolute figures mean little without
 * it, and the load average tells whether something else was running.
 *
 * @param cores     available processors
 * @param memoryGb  total memory
 * @param cpu       the CPU model
 * @param jvm       the JVM running the contenders
 * @param os        kernel name and version
 */
public record Machine(int cores, double memoryGb, String cpu, String jvm, String os) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotalKb() / 1048576.0, cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 0.42 0.51 0.60}. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GB memory, %s, %s", cores, cpu, memoryGb, jvm, os);
    }

    private static long memTotalKb() {
        return procField("/proc/meminfo", "MemTotal:").map(v -> Long.parseLong(v.replace("kB", "").trim())).orElse(0L);
    }

    private static String cpuModel() {
        return procField("/proc/cpuinfo", "model name").map(v -> v.replaceFirst("^\\s*:\\s*", "").trim()).orElse("unknown CPU");
    }

    private static java.util.Optional<String> procField(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
