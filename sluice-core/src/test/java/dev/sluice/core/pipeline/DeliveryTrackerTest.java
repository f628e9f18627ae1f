package dev.sluice.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.spi.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    private static final Runnable NOTHING = () -> { };

    @Test
    void confirmsLsnOnlyAfterSinkAck() {
        DeliveryTracker tracker = new DeliveryTracker(10);
        tracker.begin();
        Ack first = tracker.acquire(NOTHING);
        Ack second = tracker.acquire(NOTHING);
        tracker.commit(new Lsn(100));
        assertThat(tracker.confirmable()).isEqualTo(Lsn.ZERO);
        first.acked();
        assertThat(tracker.confirmable()).isEqualTo(Lsn.ZERO);
        second.acked();
        assertThat(tracker.confirmable()).isEqualTo(new Lsn(100));
        assertThat(tracker.idle()).isTrue();
    }

    @Test
    void laterTransactionAckedFirstWaitsForTheEarlierOne() {
        DeliveryTracker tracker = new DeliveryTracker(10);
        tracker.begin();
        Ack early = tracker.acquire(NOTHING);
        tracker.commit(new Lsn(100));
        tracker.begin();
        Ack late = tracker.acquire(NOTHING);
        tracker.commit(new Lsn(200));
        late.acked();
        assertThat(tracker.confirmable()).isEqualTo(Lsn.ZERO);
        early.acked();
        assertThat(tracker.confirmable()).isEqualTo(new Lsn(200));
    }

    @Test
    void openTransactionIsNeverConfirmedEvenWhenAllItsRecordsAreAcked() {
        DeliveryTracker tracker = new DeliveryTracker(10);
        tracker.begin();
        tracker.acquire(NOTHING).acked();
        assertThat(tracker.confirmable()).isEqualTo(Lsn.ZERO);
        assertThat(tracker.idle()).isFalse();
        tracker.commit(new Lsn(7));
        assertThat(tracker.confirmable()).isEqualTo(new Lsn(7));
    }

    @Test
    void snapshotEndsWithoutConfirmingAnything() {
        DeliveryTracker tracker = new DeliveryTracker(10);
        tracker.begin();
        tracker.acquire(NOTHING).acked();
        tracker.commit(Lsn.ZERO);
        assertThat(tracker.confirmable()).isEqualTo(Lsn.ZERO);
        assertThat(tracker.idle()).isTrue();
    }

    @Test
    void blocksAtTheInFlightLimitAndKeepsTheSourceAliveMeanwhile() throws Exception {
        DeliveryTracker tracker = new DeliveryTracker(2);
        tracker.begin();
        List<Ack> acks = new ArrayList<>(List.of(tracker.acquire(NOTHING), tracker.acquire(NOTHING)));
        AtomicInteger keepAlives = new AtomicInteger();
        Thread reader = new Thread(() -> acks.add(tracker.acquire(() -> {
            if (keepAlives.incrementAndGet() == 3) {
                acks.get(0).acked();
            }
        })));
        reader.start();
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(keepAlives.get()).isEqualTo(3);
        assertThat(tracker.inFlight()).isEqualTo(2);
    }

    @Test
    void sinkFailureIsRetriableUnlessFatal() {
        DeliveryTracker tracker = new DeliveryTracker(10);
        tracker.begin();
        tracker.acquire(NOTHING).failed(new IllegalStateException("broker gone"));
        assertThatThrownBy(tracker::confirmable).isInstanceOf(RetriableException.class).hasMessageContaining("broker gone");

        DeliveryTracker fatal = new DeliveryTracker(10);
        fatal.begin();
        fatal.acquire(NOTHING).failed(new FatalException("not authorized to write topic x"));
        assertThatThrownBy(fatal::confirmable).isInstanceOf(FatalException.class).hasMessage("not authorized to write topic x");
    }
}
