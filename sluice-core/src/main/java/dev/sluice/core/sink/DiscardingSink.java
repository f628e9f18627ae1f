package dev.sluice.core.sink;

import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import java.util.concurrent.atomic.LongAdder;

/** Acks every record at once and keeps nothing but counts: measures everything but the sink. */
public final class DiscardingSink implements Sink {

    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    @Override
    public void send(SinkRecord record, Ack ack) {
        records.increment();
        bytes.add((record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length));
        ack.acked();
    }

    public long records() {
        return records.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
