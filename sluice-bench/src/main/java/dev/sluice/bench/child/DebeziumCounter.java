package dev.sluice.bench.child;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.List;

/**
 * Debezium's consumer that only counts: the engine has read, converted to JSON and handed over each
 * event, and nothing else is done with it. Tombstones (null values) are not counted.
 */
final class DebeziumCounter implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final DrainMeter meter;

    DebeziumCounter(DrainMeter meter) {
        this.meter = meter;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        for (ChangeEvent<String, String> record : records) {
            String value = record.value();
            if (value != null) {
                meter.event(meter.wantsLatency() ? CommitTime.ofDebeziumJson(value) : 0);
            }
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }
}
