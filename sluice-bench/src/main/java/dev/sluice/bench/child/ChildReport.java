package dev.sluice.bench.child;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one line a child prints when its drain is over, and how the parent reads it back. Plain
 * {@code key=value} words after a fixed prefix; a failure's message comes last and may hold spaces.
 *
 * @param status        {@code done}, {@code timeout} or {@code failed}
 * @param events        events counted
 * @param seconds       from the first event to the last
 * @param latencyCount  latency samples (after the warm-up), 0 when latency was off
 * @param heapPeakBytes most heap ever in use
 * @param heapAfterGcBytes most heap in use right after a collection
 * @param error         what went wrong, or empty
 */
public record ChildReport(String status, long events, double seconds, int latencyCount, long p50Micros,
        long p99Micros, long maxMicros, long heapPeakBytes, long heapAfterGcBytes, String error) {

    public static final String READY = "BENCH ready";
    public static final String PREFIX = "BENCH result ";

    public boolean done() {
        return status.equals("done");
    }

    public String format() {
        return PREFIX + "status=" + status + " events=" + events + " seconds=" + seconds + " latencyCount=" + latencyCount
                + " p50us=" + p50Micros + " p99us=" + p99Micros + " maxus=" + maxMicros + " heapPeak=" + heapPeakBytes
                + " heapAfterGc=" + heapAfterGcBytes + " error=" + error.replace('\n', ' ');
    }

    /** Reads a line made by {@link #format()}. */
    public static ChildReport parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        String body = line.substring(PREFIX.length());
        int errorAt = body.indexOf(" error=");
        String error = errorAt < 0 ? "" : body.substring(errorAt + " error=".length());
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : (errorAt < 0 ? body : body.substring(0, errorAt)).split(" ")) {
            int eq = word.indexOf('=');
            values.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return new ChildReport(values.get("status"), Long.parseLong(values.get("events")),
                Double.parseDouble(values.get("seconds")), Integer.parseInt(values.get("latencyCount")),
                Long.parseLong(values.get("p50us")), Long.parseLong(values.get("p99us")), Long.parseLong(values.get("maxus")),
                Long.parseLong(values.get("heapPeak")), Long.parseLong(values.get("heapAfterGc")), error);
    }
}
