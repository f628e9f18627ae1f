package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.Contender;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamWorkloadTest {

    private final StreamWorkload stream = new StreamWorkload("stream", TableShape.TYPICAL, ChangeMix.of(1000, 100), true,
            DrainWindow.ALL);
    private final StreamWorkload wide = new StreamWorkload("wide", TableShape.WIDE, ChangeMix.of(1000, 100), false,
            DrainWindow.ALL);

    @Test
    void theStreamComparesDebeziumJsonAndAvroWithJsonByDefault() {
        assertThat(stream.defaultContenders()).contains(Contender.SLUICE_DISCARD, Contender.SLUICE_DISCARD_DEBEZIUM_JSON,
                Contender.SLUICE_DISCARD_AVRO).doesNotContain(Contender.SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS);
    }

    @Test
    void otherFormatsRunWhenChosen() {
        assertThat(wide.defaultContenders()).doesNotContainAnyElementsOf(StreamWorkload.ENCODERS).contains(Contender.SLUICE_DISCARD);
        BenchContext chosen = new BenchContext(null, null, null, null, null,
                Set.of(Contender.SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS, Contender.SLUICE_DISCARD), System.out);
        assertThat(chosen.pick(StreamWorkload.CONTENDERS, wide.defaultContenders()))
                .containsExactly(Contender.SLUICE_DISCARD, Contender.SLUICE_DISCARD_DEBEZIUM_JSON_SCHEMALESS);
    }
}
