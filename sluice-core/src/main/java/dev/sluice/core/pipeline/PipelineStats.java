package dev.sluice.core.pipeline;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.TableId;
import java.util.EnumMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the pipeline emitted, by operation; read from any thread. */
public final class PipelineStats {

    private final Map<Operation, LongAdder> byOperation = new EnumMap<>(Operation.class);
    private final Map<TableId, LongAdder> skipped = new ConcurrentHashMap<>();

    public PipelineStats() {
        for (Operation op : Operation.values()) {
            byOperation.put(op, new LongAdder());
        }
    }

    void count(ChangeEvent event) {
        byOperation.get(event.op()).increment();
    }

    public long count(Operation op) {
        return byOperation.get(op).sum();
    }

    void skipped(TableId table, long count) {
        skipped.computeIfAbsent(table, t -> new LongAdder()).add(count);
    }

    /** Changes of {@code table} the source could not capture (see {@link dev.sluice.core.spi.ChangeListener#onSkipped}). */
    public long skipped(TableId table) {
        LongAdder count = skipped.get(table);
        return count == null ? 0 : count.sum();
    }

    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
