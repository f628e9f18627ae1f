package dev.sluice.core.pipeline;

import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a sink its own thread, so that the pipeline thread never blocks inside it.
 *
 * <p>A sink may block in {@code send} (Kafka's producer waits for metadata while its brokers are
 * down). If that happened on the pipeline thread, the source could not answer the server's
 * keepalives and PostgreSQL would drop the replication connection. Here the pipeline thread only
 * enqueues; when the sink is behind, it waits in the {@link DeliveryTracker}, which keeps the
 * source alive. The queue never fills: it holds at most the tracker's in-flight records. Records
 * reach the sink in the order they were enqueued.
 *
 * <p>The hand-off is batched to keep its cost per record far below the cost of making the record:
 * the sink thread is woken once per {@value #WAKE_EVERY} records, and otherwise looks for records
 * every millisecond while the queue is empty. Waking it for every record would cost both threads a
 * system call and a context switch per record whenever the sink is faster than the pipeline, which
 * is always the case for a discarding sink and usual for Kafka's asynchronous producer; the price
 * is at most a millisecond of delay for a record that arrives while the sink thread sleeps.
 */
public final class SinkHandOff implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(SinkHandOff.class);
    private static final Entry STOP = new Entry(null, null, null);
    private static final int WAKE_EVERY = 256;
    private static final int BATCH = 1024;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Sink delegate;
    private final BlockingQueue<Entry> queue;
    private final Thread sender;
    /** Entries (records or batches) handed to the sink, counted by the sender thread. */
    private volatile long delivered;
    /** Entries enqueued; written by the pipeline thread only. */
    private long enqueued;
    private int sinceWake;

    /** {@code capacity}: at least the tracker's maximum in flight. */
    public SinkHandOff(Sink delegate, int capacity) {
        this.delegate = delegate;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.sender = new Thread(this::drain, "sluice-sink");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void send(SinkRecord record, Ack ack) {
        enqueue(new Entry(record, null, ack), 1);
    }

    /** The records go over as one entry: one queue operation for the lot. */
    @Override
    public void send(List<SinkRecord> records, Ack ack) {
        enqueue(new Entry(null, records, ack), records.size());
    }

    private void enqueue(Entry entry, int records) {
        if (!queue.offer(entry)) {
            // Only if the caller sends more than it was allowed in flight: a bug, not backpressure.
            throw new IllegalStateException("sink hand-off queue is full: more records in flight than its capacity");
        }
        enqueued++;
        sinceWake += records;
        if (sinceWake >= WAKE_EVERY) {
            sinceWake = 0;
            LockSupport.unpark(sender);
        }
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(BATCH);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (queue.drainTo(batch, BATCH) == 0) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    continue;
                }
                for (Entry entry : batch) {
                    if (entry == STOP) {
                        return;
                    }
                    deliver(entry);
                }
                batch.clear();
            }
        } finally {
            failRemaining(batch);
        }
    }

    private void deliver(Entry entry) {
        try {
            if (entry.records != null) {
                delegate.send(entry.records, entry.ack);
            } else {
                delegate.send(entry.record, entry.ack);
            }
        } catch (RuntimeException e) {
            entry.ack.failed(e);
        } finally {
            delivered++; // only this thread writes it
        }
    }

    private void failRemaining(List<Entry> batch) {
        List<Entry> left = new ArrayList<>(batch);
        queue.drainTo(left);
        IllegalStateException closed = new IllegalStateException("sink closed before the record was sent");
        for (Entry entry : left) {
            if (entry != STOP && entry.ack != null) {
                entry.ack.failed(closed);
            }
        }
    }

    /** Waits until every enqueued record was handed to the sink, then flushes the sink. */
    @Override
    public void flush() {
        long target = enqueued;
        LockSupport.unpark(sender);
        while (delivered < target && sender.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        delegate.flush();
    }

    @Override
    public void close() {
        queue.clear();
        queue.offer(STOP);
        LockSupport.unpark(sender);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            LOG.warn("sink thread did not stop within 30 s; closing the sink under it");
            sender.interrupt();
        }
        delegate.close();
    }

    /** One record, or a batch of records under one ack. */
    private record Entry(SinkRecord record, List<SinkRecord> records, Ack ack) {
    }
}
