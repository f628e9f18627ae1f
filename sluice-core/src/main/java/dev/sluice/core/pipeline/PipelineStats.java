package dev.sluice.core.pipeline;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Operation;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the pipeline emitted, by operation; read from any thread. */
public final class PipelineStats {

    private final Map<Operation, LongAdder> byOperation = new EnumMap<>(Operation.class);

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

    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
