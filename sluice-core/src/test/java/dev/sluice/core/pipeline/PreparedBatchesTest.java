package dev.sluice.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.encode.JsonEncoder;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.event.ValueType;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.ChangeBatch;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.ChangePreparer;
import dev.sluice.core.spi.Confirmations;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.core.spi.Source;
import dev.sluice.core.transform.CaptureRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Batches prepared on a reading thread (as the parallel snapshot prepares them) reach the sink
 * exactly as if each event had gone through {@code onChange}: same records, same order, same
 * counts, and under the capture rules in force when the batch is handed over, not when it was made.
 */
class PreparedBatchesTest {

    private static final TableId ITEMS = new TableId("public", "items");
    private static final RowSchema SCHEMA = new RowSchema(ITEMS, List.of(new ColumnSchema("id", new Text("int8"), true),
            new ColumnSchema("name", new Text("text"), false), new ColumnSchema("secret", new Text("text"), false)));
    private static final Lsn POINT = Lsn.parse("0/16B3748");

    @Test
    void aPreparedBatchSendsWhatOnChangeWouldHaveSentInOrder() {
        List<ChangeEvent> events = reads(0, 25);
        Recording direct = run(3, (listener, unused) -> {
            listener.onBegin();
            events.forEach(listener::onChange);
            listener.onCommit(Lsn.ZERO);
        });
        Recording prepared = run(3, (listener, preparer) -> {
            ChangeBatch batch = prepareOnAnotherThread(preparer, events);
            listener.onBegin();
            listener.onChanges(batch);
            listener.onCommit(Lsn.ZERO);
        });
        // At most 3 in flight: the batch of 25 went to the sink in parts, all acknowledged.
        assertThat(prepared.values()).hasSize(25).isEqualTo(direct.values());
        assertThat(prepared.keys()).isEqualTo(direct.keys());
        assertThat(prepared.topics()).containsOnly("shop.public.items");
        assertThat(prepared.stats.count(Operation.READ)).isEqualTo(25);
        assertThat(prepared.stats.byTable().get(ITEMS)).containsEntry(Operation.READ, 25L);
        assertThat(prepared.stats.bytes()).isEqualTo(direct.stats.bytes());
        assertThat(prepared.tracker.inFlight()).isZero();
    }

    @Test
    void aRuleSetAfterTheBatchWasPreparedStillAppliesToIt() {
        List<ChangeEvent> events = reads(0, 4);
        Recording prepared = run(100, (listener, preparer) -> {
            ChangeBatch batch = prepareOnAnotherThread(preparer, events);
            // The capture list changed between the worker's preparing and the pipeline's sending.
            listener.onCaptureRule(ITEMS, new CaptureRule(ITEMS, Set.of(Operation.CREATE), null, List.of("secret"), "hidden"));
            listener.onBegin();
            listener.onChanges(batch);
            listener.onCommit(Lsn.ZERO);
        });
        assertThat(prepared.topics()).hasSize(4).containsOnly("hidden");
        assertThat(prepared.values()).allSatisfy(value -> assertThat(value).contains("\"name\":").doesNotContain("secret"));
    }

    @Test
    void aBatchPreparedUnderTheCurrentRuleIsSentAsPrepared() {
        List<ChangeEvent> events = reads(0, 2);
        Recording prepared = run(100, (listener, preparer) -> {
            listener.onCaptureRule(ITEMS, new CaptureRule(ITEMS, Set.of(Operation.CREATE), List.of("id", "name"), null, null));
            ChangeBatch batch = prepareOnAnotherThread(preparer, events);
            listener.onBegin();
            listener.onChanges(batch);
            listener.onCommit(Lsn.ZERO);
        });
        assertThat(prepared.values()).hasSize(2).allSatisfy(value -> assertThat(value).doesNotContain("secret"));
    }

    private static List<ChangeEvent> reads(int from, int count) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Row row = new Row(new String[] {Integer.toString(i), "item " + i, "s" + i});
            events.add(new ChangeEvent(Operation.READ, SCHEMA, null, row, POINT, 0, 0, true));
        }
        return events;
    }

    private static ChangeBatch prepareOnAnotherThread(ChangePreparer preparer, List<ChangeEvent> events) {
        ChangeBatch[] made = new ChangeBatch[1];
        Thread worker = new Thread(() -> made[0] = preparer.prepare(events), "reader");
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return made[0];
    }

    /** Runs a pipeline over a source that does {@code script} (given the listener and a preparer it took). */
    private static Recording run(int maxInFlight, BiConsumer<ChangeListener, ChangePreparer> script) {
        Recording recording = new Recording(maxInFlight);
        Source source = new Source() {
            @Override
            public void run(ChangeListener listener, Confirmations confirmations) {
                script.accept(listener, listener.preparer());
            }

            @Override
            public void keepAlive() {
            }

            @Override
            public void stop() {
            }

            @Override
            public void close() {
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
        try (SinkHandOff sink = new SinkHandOff(recording, maxInFlight)) {
            new ChangePipeline(source, new TopicRouter("shop", Map.of()), () -> new JsonEncoder("shop", clock), sink,
                    recording.tracker, true, recording.stats).run();
            sink.flush();
        }
        return recording;
    }

    /** A sink that keeps what it was sent and acknowledges it at once. */
    private static final class Recording implements Sink {
        final List<SinkRecord> records = new CopyOnWriteArrayList<>();
        final DeliveryTracker tracker;
        final PipelineStats stats = new PipelineStats();

        Recording(int maxInFlight) {
            tracker = new DeliveryTracker(maxInFlight);
        }

        @Override
        public void send(SinkRecord record, Ack ack) {
            records.add(record);
            ack.acked();
        }

        List<String> values() {
            return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        }

        List<String> keys() {
            return records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        }

        List<String> topics() {
            return records.stream().map(SinkRecord::topic).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private record Text(String name) implements ValueType {
        @Override
        public void writeJson(String text, JsonGenerator out) throws IOException {
            out.writeString(text);
        }
    }
}
