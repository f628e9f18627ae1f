package dev.sluice.bench.child;

/**
 * Finds the commit time in a Debezium JSON event without parsing it all: {@code payload.source.ts_ms}
 * is the commit time of the change's transaction. Only latency runs pay for this.
 */
final class CommitTime {

    private static final String SOURCE = "\"source\":{";
    private static final String TS_MS = "\"ts_ms\":";

    private CommitTime() {
    }

    /** Epoch milliseconds; throws if the event has no {@code source.ts_ms}. */
    static long ofDebeziumJson(String json) {
        int source = json.indexOf(SOURCE);
        int ts = source < 0 ? -1 : json.indexOf(TS_MS, source);
        if (ts < 0) {
            throw new IllegalArgumentException("no source.ts_ms in Debezium event: "
                    + json.substring(0, Math.min(200, json.length())));
        }
        long millis = 0;
        for (int i = ts + TS_MS.length(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            millis = millis * 10 + (c - '0');
        }
        return millis;
    }
}
