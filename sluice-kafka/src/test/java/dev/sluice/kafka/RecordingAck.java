package dev.sluice.kafka;

import dev.sluice.core.spi.Ack;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the sink answered, for tests; one instance may serve many records. */
final class RecordingAck implements Ack {

    private final AtomicInteger acked = new AtomicInteger();
    private final Queue<Exception> failures = new ConcurrentLinkedQueue<>();

    @Override
    public void acked() {
        acked.incrementAndGet();
    }

    @Override
    public void failed(Exception cause) {
        failures.add(cause);
    }

    int ackedCount() {
        return acked.get();
    }

    List<Exception> failures() {
        return List.copyOf(failures);
    }

    int answered() {
        return acked.get() + failures.size();
    }
}
