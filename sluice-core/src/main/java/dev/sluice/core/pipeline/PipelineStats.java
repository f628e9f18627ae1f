package dev.sluice.core.pipeline;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.TableId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the pipeline emitted — by table and operation, bytes handed to the sink — and
 * the commit-to-acknowledgement latency of what the sink delivered. Written by the pipeline thread
 * (and the sink's ack threads for latency), read from any thread, e.g. by the metrics endpoint.
 * One instance lives as long as the process, across the engine's retries.
 */
public final class PipelineStats {

    private final Map<Operation, LongAdder> byOperation = new EnumMap<>(Operation.class);
    private final Map<TableId, TableCounters> byTable = new ConcurrentHashMap<>();
    private final Map<TableId, LongAdder> skipped = new ConcurrentHashMap<>();
    private final LongAdder bytes = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicLong lastAckedCommitMillis = new AtomicLong();
    private final AtomicLong lastAckAtMillis = new AtomicLong();
    /** The pipeline thread's last table, so a run of one table's events skips the map lookup. */
    private TableCounters lastTable;

    public PipelineStats() {
        for (Operation op : Operation.values()) {
            byOperation.put(op, new LongAdder());
        }
    }

    void count(ChangeEvent event, long recordBytes) {
        count(event, 1);
        bytes.add(recordBytes);
    }

    /** Counts a batch's emitted events, whose records have {@code recordBytes} in all. */
    void count(List<ChangeEvent> events, long recordBytes) {
        int run = 0;
        ChangeEvent first = null;
        for (ChangeEvent event : events) {
            if (first != null && (event.op() != first.op() || !event.table().equals(first.table()))) {
                count(first, run);
                run = 0;
            }
            if (run == 0) {
                first = event;
            }
            run++;
        }
        if (run > 0) {
            count(first, run);
        }
        bytes.add(recordBytes);
    }

    /** {@code events} events like {@code event}: of its table and operation. */
    private void count(ChangeEvent event, int events) {
        byOperation.get(event.op()).add(events);
        TableCounters table = lastTable;
        if (table == null || !table.table.equals(event.table())) {
            table = byTable.computeIfAbsent(event.table(), TableCounters::new);
            lastTable = table;
        }
        table.byOperation[event.op().ordinal()].add(events);
    }

    /** Called on an ack thread for a delivered change committed at {@code commitMillis}. */
    void acknowledged(long commitMillis, long nowMillis) {
        latency.record(nowMillis - commitMillis);
        lastAckedCommitMillis.accumulateAndGet(commitMillis, Math::max);
        lastAckAtMillis.accumulateAndGet(nowMillis, Math::max);
    }

    public long count(Operation op) {
        return byOperation.get(op).sum();
    }

    /** Events of {@code table} by operation so far; tables with no event are absent. */
    public Map<TableId, Map<Operation, Long>> byTable() {
        Map<TableId, Map<Operation, Long>> result = new TreeMap<>();
        byTable.forEach((table, counters) -> {
            Map<Operation, Long> ops = new EnumMap<>(Operation.class);
            for (Operation op : Operation.values()) {
                ops.put(op, counters.byOperation[op.ordinal()].sum());
            }
            result.put(table, ops);
        });
        return result;
    }

    /** Bytes of keys and values handed to the sink. */
    public long bytes() {
        return bytes.sum();
    }

    /** Commit-to-acknowledgement latency of streamed changes (snapshot rows are not counted). */
    public LatencyHistogram latency() {
        return latency;
    }

    /** The commit time of the newest change the sink acknowledged; 0 before the first. */
    public long lastAcknowledgedCommitMillis() {
        return lastAckedCommitMillis.get();
    }

    /** When the sink last acknowledged a streamed change; 0 before the first. */
    public long lastAcknowledgementMillis() {
        return lastAckAtMillis.get();
    }

    void skipped(TableId table, long count) {
        skipped.computeIfAbsent(table, t -> new LongAdder()).add(count);
    }

    /** Changes of {@code table} the source could not capture (see {@link dev.sluice.core.spi.ChangeListener#onSkipped}). */
    public long skipped(TableId table) {
        LongAdder count = skipped.get(table);
        return count == null ? 0 : count.sum();
    }

    /** Skipped changes of every table that had some. */
    public Map<TableId, Long> skipped() {
        Map<TableId, Long> result = new TreeMap<>();
        skipped.forEach((table, count) -> result.put(table, count.sum()));
        return result;
    }

    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static final class TableCounters {
        final TableId table;
        final LongAdder[] byOperation = new LongAdder[Operation.values().length];

        TableCounters(TableId table) {
            this.table = table;
            for (int i = 0; i < byOperation.length; i++) {
                byOperation[i] = new LongAdder();
            }
        }
    }
}
