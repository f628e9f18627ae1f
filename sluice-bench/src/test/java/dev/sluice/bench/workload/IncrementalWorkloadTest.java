package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.Contender;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncrementalWorkloadTest {

    private static BenchContext choosing(Set<Contender> chosen) {
        return new BenchContext(null, null, null, null, null, chosen, System.out);
    }

    @Test
    void sluiceRunsByDefaultAndDebeziumWhenChosen() {
        assertThat(choosing(Set.of()).pick(IncrementalWorkload.CONTENDERS, IncrementalWorkload.DEFAULT_CONTENDERS))
                .containsExactly(Contender.SLUICE_DISCARD, Contender.SLUICE_KAFKA);
        assertThat(choosing(Set.of(Contender.DEBEZIUM_COUNT, Contender.SLUICE_DISCARD, Contender.DEBEZIUM_KAFKA))
                .pick(IncrementalWorkload.CONTENDERS, IncrementalWorkload.DEFAULT_CONTENDERS))
                .containsExactly(Contender.SLUICE_DISCARD, Contender.DEBEZIUM_COUNT);
    }
}
