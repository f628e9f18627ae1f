package dev.sluice.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What snapshot tests read from a topic of {@code (id bigint key, v int)} rows and from Sluice's
 * snapshot progress file: counts of reads, and the per-key order a consumer relies on.
 */
final class SnapshotRecords {

    private SnapshotRecords() {
    }

    /** Read events ({@code op: r}) in the records. */
    static long reads(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.value() != null && "r".equals(TableState.parse(r.value()).get("op").asText())).count();
    }

    /** Read events beyond the first for the same key. */
    static long repeatedReads(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> seen = new HashSet<>();
        long repeated = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() != null && "r".equals(TableState.parse(record.value()).get("op").asText())
                    && !seen.add(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                repeated++;
            }
        }
        return repeated;
    }

    /**
     * Per key, in topic order: no row comes back after its delete (keys are never reused) and no
     * older version ({@code v}, incremented by every update) follows a newer one.
     */
    static void assertPerKeyOrder(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> version = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            String key = TableState.parse(record.key()).get("id").asText();
            JsonNode value = TableState.parse(record.value());
            String op = value.get("op").asText();
            if (op.equals("d")) {
                deleted.add(key);
                continue;
            }
            // Plain checks: this runs for every record of large topics.
            if (deleted.contains(key)) {
                throw new AssertionError("row " + key + " emitted (" + op + ") after its delete, at offset " + record.offset());
            }
            int v = value.get("after").get("v").asInt();
            Integer previous = version.put(key, v);
            if (previous != null && v < previous) {
                throw new AssertionError("row " + key + ": version " + v + " (" + op + ") after version " + previous
                        + ", at offset " + record.offset());
            }
        }
    }

    /** Sluice's snapshot progress file of a slot. */
    static Properties progress(Path stateDir, String slot) throws IOException {
        Properties p = new Properties();
        Path file = stateDir.resolve(slot + ".snapshot");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        return p;
    }

    /** Initial chunks acknowledged by the sink, per the progress file. */
    static int initialChunksDone(Path stateDir, String slot) throws IOException {
        String done = progress(stateDir, slot).getProperty("initial.done", "");
        return done.isEmpty() ? 0 : done.split(",").length;
    }

    /** Chunks acknowledged of the first incremental job in the progress file; -1 if there is none. */
    static int incrementalChunksDone(Path stateDir, String slot) throws IOException {
        return Integer.parseInt(progress(stateDir, slot).getProperty("job.0.chunks", "-1"));
    }

    /** True when every requested snapshot up to {@code request} was taken in and none is left. */
    static boolean requestsFinished(Path stateDir, String slot, long request) throws IOException {
        Properties p = progress(stateDir, slot);
        return Long.parseLong(p.getProperty("last-request", "0")) >= request && "0".equals(p.getProperty("jobs"));
    }
}
