package dev.sluice.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SinkHandOffTest {

    private static final Ack IGNORED = new Ack() {
        @Override
        public void acked() {
        }

        @Override
        public void failed(Exception cause) {
        }
    };

    /** Remembers the topics it was sent, in order. */
    private static class RecordingSink implements Sink {
        final List<String> topics = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public void send(SinkRecord record, Ack ack) {
            topics.add(record.topic());
            ack.acked();
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void flushReturnsOnlyOnceEveryRecordReachedTheSinkInOrder() {
        RecordingSink sink = new RecordingSink();
        try (SinkHandOff handOff = new SinkHandOff(sink, 10_000)) {
            for (int i = 0; i < 1000; i++) {
                handOff.send(new SinkRecord("t" + i, null, null, 0), IGNORED);
            }
            handOff.flush();
            assertThat(sink.topics).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(sink.topics.get(i)).isEqualTo("t" + i);
            }
            assertThat(sink.flushes).hasValue(1);
        }
    }

    @Test
    void aFewRecordsAreDeliveredWithoutAnyMoreFollowing() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(3);
        Sink sink = new RecordingSink() {
            @Override
            public void send(SinkRecord record, Ack ack) {
                super.send(record, ack);
                delivered.countDown();
            }
        };
        try (SinkHandOff handOff = new SinkHandOff(sink, 100)) {
            for (int i = 0; i < 3; i++) {
                handOff.send(new SinkRecord("t", null, null, 0), IGNORED);
            }
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSinkBlockedInSendDoesNotBlockTheCaller() {
        CountDownLatch release = new CountDownLatch(1);
        Sink blocking = new RecordingSink() {
            @Override
            public void send(SinkRecord record, Ack ack) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.send(record, ack);
            }
        };
        try (SinkHandOff handOff = new SinkHandOff(blocking, 1000)) {
            for (int i = 0; i < 500; i++) {
                handOff.send(new SinkRecord("t", null, null, 0), IGNORED);
            }
            release.countDown();
            handOff.flush();
        }
    }
}
