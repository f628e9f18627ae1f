package dev.sluice.bench.child;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Operation;
import dev.sluice.core.spi.Encoder;

/**
 * The pipeline's encoder, passed through, remembering the operation of the event whose value it
 * encoded last. The pipeline encodes an event and sends its record right after, on its own thread,
 * so a sink in front of the hand-off (on that same thread) can ask which operation the record it is
 * given carries, whatever the format. The hand-off's thread must not ask: by the time a record
 * reaches it, the pipeline has encoded others. Confined to the pipeline thread.
 */
final class OperationTap implements Encoder {

    private final Encoder delegate;
    private Operation last;

    OperationTap(Encoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] key(ChangeEvent event) {
        return delegate.key(event);
    }

    @Override
    public byte[] value(ChangeEvent event) {
        last = event.op();
        return delegate.value(event);
    }

    /** True when the record being sent is a snapshot read ({@code r}). */
    boolean lastWasRead() {
        return last == Operation.READ;
    }
}
