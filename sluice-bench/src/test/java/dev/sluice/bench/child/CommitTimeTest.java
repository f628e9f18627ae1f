package dev.sluice.bench.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommitTimeTest {

    @Test
    void readsSourceTsMsNotTheSchemaNorTheEnvelopeTimestamp() {
        String event = "{\"schema\":{\"fields\":[{\"field\":\"ts_ms\",\"type\":\"int64\"}]},\"payload\":{\"before\":null,"
                + "\"after\":{\"id\":1,\"note\":\"ts_ms\"},\"source\":{\"version\":\"3.6.3.Final\",\"connector\":\"postgresql\","
                + "\"ts_ms\":1795282380123,\"snapshot\":\"false\",\"db\":\"stream_1\"},\"op\":\"c\",\"ts_ms\":1795282380999}}";
        assertThat(CommitTime.ofDebeziumJson(event)).isEqualTo(1795282380123L);
    }

    @Test
    void anEventWithoutSourceIsRefused() {
        assertThatThrownBy(() -> CommitTime.ofDebeziumJson("{\"op\":\"c\"}")).hasMessageContaining("source.ts_ms");
    }
}
