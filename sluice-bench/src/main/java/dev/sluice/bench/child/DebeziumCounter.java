package dev.sluice.bench.child;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.List;

/**
 * Debezium's consumer that only counts: the engine has read, converted to JSON and handed over each
 * event, and nothing else is done with it. Tombstones (null values) are not counted.
 *
 * <p>In an incremental snapshot run it counts the snapshot's reads only ({@code "op":"r"}, looked
 * for from the end of the event, where Debezium's envelope puts it), and ends the drain when
 * Debezium's notification that the incremental snapshot completed arrives on the notification
 * topic: how many rows the snapshot reads is not known beforehand.
 */
final class DebeziumCounter implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private static final String READ = "\"op\":\"r\"";

    private final DrainMeter meter;
    private final String notificationTopic;

    /** Counts every change. */
    DebeziumCounter(DrainMeter meter) {
        this(meter, null);
    }

    /** {@code notificationTopic}: where Debezium sends its notifications in an incremental snapshot run, else null. */
    DebeziumCounter(DrainMeter meter, String notificationTopic) {
        this.meter = meter;
        this.notificationTopic = notificationTopic;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        for (ChangeEvent<String, String> record : records) {
            String value = record.value();
            if (value != null) {
                if (notificationTopic == null) {
                    meter.event(meter.wantsLatency() ? CommitTime.ofDebeziumJson(value) : 0);
                } else if (notificationTopic.equals(record.destination())) {
                    if (incrementalSnapshotCompleted(value)) {
                        meter.finish();
                    }
                } else if (value.lastIndexOf(READ) >= 0) {
                    meter.event(0);
                }
            }
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }

    /** Debezium's notification {@code {"aggregate_type":"Incremental Snapshot","type":"COMPLETED",…}}. */
    static boolean incrementalSnapshotCompleted(String notification) {
        return notification.contains("\"aggregate_type\":\"Incremental Snapshot\"") && notification.contains("\"type\":\"COMPLETED\"");
    }
}
