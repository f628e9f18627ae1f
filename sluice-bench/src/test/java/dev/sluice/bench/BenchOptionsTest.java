package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void noArgumentsRunEveryWorkloadAtTheStandardScaleWithEachWorkloadsOwnContenders() {
        BenchOptions options = BenchOptions.parse();
        assertThat(options.scale()).isEqualTo(Scale.STANDARD);
        assertThat(options.workloads()).isEqualTo(Scale.WORKLOADS);
        assertThat(options.contenders()).isEmpty();
    }

    @Test
    void workloadsRunInTheStandardOrderWhateverOrderTheyAreNamedIn() {
        BenchOptions options = BenchOptions.parse("--quick", "--workloads", "bigtx,stream", "--contenders",
                "sluice-discard,pg_recvlogical", "--snapshot-rows", "10_000_000");
        assertThat(options.workloads()).containsExactly("stream", "bigtx");
        assertThat(options.contenders()).isEqualTo(Set.of(Contender.SLUICE_DISCARD, Contender.PG_RECVLOGICAL));
        assertThat(options.scale().snapshotRows()).isEqualTo(10_000_000);
        assertThat(options.scale().streamChanges()).isEqualTo(Scale.QUICK.streamChanges());
    }

    @Test
    void unknownNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> BenchOptions.parse("--workloads", "strem")).hasMessageContaining("known: [stream");
        assertThatThrownBy(() -> BenchOptions.parse("--contenders", "kafka")).hasMessageContaining("sluice-kafka");
        assertThatThrownBy(() -> BenchOptions.parse("--latency-seconds", "0")).hasMessageContaining("positive");
    }
}
