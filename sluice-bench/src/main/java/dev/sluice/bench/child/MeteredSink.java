package dev.sluice.bench.child;

import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import java.util.function.BooleanSupplier;

/**
 * Wraps the sink Sluice really uses (discarding or Kafka) and tells the meter when a change record
 * is acknowledged: the moment Sluice itself would count it delivered. Tombstones are passed through
 * uncounted, so events mean changes for every contender.
 */
final class MeteredSink implements Sink {

    private final Sink delegate;
    private final DrainMeter meter;
    private final BooleanSupplier counts;

    /** Counts every change record. */
    MeteredSink(Sink delegate, DrainMeter meter) {
        this(delegate, meter, () -> true);
    }

    /** Counts only the change records for which {@code counts} answers true as they are sent. */
    MeteredSink(Sink delegate, DrainMeter meter, BooleanSupplier counts) {
        this.delegate = delegate;
        this.meter = meter;
        this.counts = counts;
    }

    @Override
    public void send(SinkRecord record, Ack ack) {
        if (record.value() == null || !counts.getAsBoolean()) {
            delegate.send(record, ack);
            return;
        }
        long commitMillis = record.timestampMillis();
        delegate.send(record, new Ack() {
            @Override
            public void acked() {
                ack.acked();
                meter.event(commitMillis);
            }

            @Override
            public void failed(Exception cause) {
                ack.failed(cause);
                meter.fail(cause);
            }
        });
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
