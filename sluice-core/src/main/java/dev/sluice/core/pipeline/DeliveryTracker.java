package dev.sluice.core.pipeline;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Confirmations;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tracks records handed to the sink until it acknowledges them, and from that which commit
 * positions may be confirmed: a transaction's position is confirmable when every record of it and
 * of every transaction before it has been acked.
 *
 * <p>It also bounds the records in flight: {@link #acquire} blocks when the sink is
 * {@code maxInFlight} records behind, which makes the source stop reading instead of buffering
 * without bound. A transaction of any size costs one small object, never one per row.
 *
 * <p>Thread-safety: {@link #begin}, {@link #acquire}, {@link #commit} and {@link #confirmable}
 * are called from the pipeline thread only; the {@link Ack}s it returns are called from any thread.
 */
public final class DeliveryTracker implements Confirmations {

    private static final long WAIT_SLICE_MILLIS = 100;

    private final Semaphore inFlight;
    private final int maxInFlight;
    private final ArrayDeque<Transaction> pending = new ArrayDeque<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private Transaction current;
    private Lsn confirmed = Lsn.ZERO;
    /** Told of each acknowledged streamed record's latency; set by the pipeline. */
    private volatile PipelineStats stats;

    public DeliveryTracker(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Acks of streamed records report their commit-to-ack latency to {@code stats} from now on. */
    void reportTo(PipelineStats stats) {
        this.stats = stats;
    }

    /** Opens a transaction; the records acquired until {@link #commit} belong to it. */
    public void begin() {
        current = new Transaction();
        pending.add(current);
    }

    /**
     * Takes one in-flight slot for a record of the open transaction and returns its ack. While the
     * sink is too far behind, waits, calling {@code whileWaiting} about every 100 ms.
     */
    public Ack acquire(Runnable whileWaiting) {
        return acquire(whileWaiting, 0);
    }

    /**
     * Like {@link #acquire(Runnable)}, for a record of a change committed at {@code commitMillis}
     * (0 for snapshot rows): its ack reports the commit-to-ack latency.
     */
    public Ack acquire(Runnable whileWaiting, long commitMillis) {
        return acquire(1, whileWaiting, commitMillis);
    }

    /**
     * Takes {@code records} in-flight slots at once (at most {@link #maxInFlight()}) for that many
     * records of the open transaction; their one ack is called once per record.
     */
    public Ack acquire(int records, Runnable whileWaiting, long commitMillis) {
        if (current == null) {
            throw new IllegalStateException("no open transaction");
        }
        if (records < 1 || records > maxInFlight) {
            throw new IllegalArgumentException("cannot acquire " + records + " of " + maxInFlight + " in-flight slots");
        }
        throwIfFailed();
        try {
            while (!inFlight.tryAcquire(records, WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                whileWaiting.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting for the sink", e);
        }
        current.outstanding.addAndGet(records);
        current.commitMillis = commitMillis;
        return current;
    }

    /** Closes the open transaction; {@code confirmLsn} becomes confirmable once all its records are acked. */
    public void commit(Lsn confirmLsn) {
        if (current == null) {
            throw new IllegalStateException("no open transaction");
        }
        current.confirmLsn = confirmLsn;
        current.sealed = true;
        current = null;
    }

    @Override
    public Lsn confirmable() {
        throwIfFailed();
        Transaction head;
        while ((head = pending.peek()) != null && head.sealed && head.outstanding.get() == 0) {
            pending.poll();
            if (!head.confirmLsn.isZero()) {
                confirmed = Lsn.max(confirmed, head.confirmLsn);
            }
            if (head.afterAcknowledged != null) {
                head.afterAcknowledged.forEach(Runnable::run);
            }
        }
        return confirmed;
    }

    @Override
    public void whenAcknowledged(Runnable action) {
        Transaction last = pending.peekLast();
        if (last == null) {
            action.run();
            return;
        }
        if (last.afterAcknowledged == null) {
            last.afterAcknowledged = new java.util.ArrayList<>(1);
        }
        last.afterAcknowledged.add(action);
    }

    @Override
    public boolean idle() {
        confirmable();
        return pending.isEmpty();
    }

    /** The most records that may be in flight. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Records handed to the sink and not yet acked or failed. */
    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /**
     * Throws the first sink failure, if there was one: a {@link FatalException} as it is (retrying
     * cannot fix it), anything else as retriable.
     */
    public void throwIfFailed() {
        Exception cause = failure.get();
        if (cause instanceof FatalException fatal) {
            throw fatal;
        }
        if (cause != null) {
            throw new RetriableException("the sink failed to deliver a record: " + cause.getMessage(), cause);
        }
    }

    /** One transaction's records in flight. It is their {@link Ack}: no per-record allocation. */
    private final class Transaction implements Ack {
        final AtomicInteger outstanding = new AtomicInteger();
        volatile boolean sealed;
        volatile Lsn confirmLsn = Lsn.ZERO;
        /** Run on the pipeline thread when this transaction leaves the head of {@code pending}; usually null. */
        java.util.List<Runnable> afterAcknowledged;
        /** The commit time of the transaction's changes; 0 for a snapshot's rows. */
        volatile long commitMillis;

        @Override
        public void acked() {
            PipelineStats observer = stats;
            long committed = commitMillis;
            if (observer != null && committed > 0) {
                observer.acknowledged(committed, System.currentTimeMillis());
            }
            outstanding.decrementAndGet();
            inFlight.release();
        }

        @Override
        public void failed(Exception cause) {
            failure.compareAndSet(null, cause);
            inFlight.release();
        }
    }
}
