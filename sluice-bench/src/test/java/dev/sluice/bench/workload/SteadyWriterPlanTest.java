package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SteadyWriterPlanTest {

    @Test
    void tenThousandChangesASecondAreHundredTransactionsOfFiftyThirtyTwenty() {
        SteadyWriter.Plan plan = new SteadyWriter.Plan(10_000, 60, 5);
        assertThat(plan.inserts()).isEqualTo(50);
        assertThat(plan.updates()).isEqualTo(30);
        assertThat(plan.deletes()).isEqualTo(20);
        assertThat(plan.ticks()).isEqualTo(6500);
    }

    @Test
    void updatesStartOnTheSecondTickAndDeletesOnTheThird() {
        SteadyWriter.Plan plan = new SteadyWriter.Plan(2_000, 1, 1);
        assertThat(plan.changesIn(1)).isEqualTo(10);
        assertThat(plan.changesIn(2)).isEqualTo(10 + 10 + 6);
        assertThat(plan.changesIn(3)).isEqualTo(30 + 12 + 4);
        assertThat(plan.totalChanges()).isEqualTo(200L * 10 + 199 * 6 + 198 * 4);
        assertThat(plan.warmupChanges()).isEqualTo(100L * 10 + 99 * 6 + 98 * 4);
    }

    @Test
    void aRateThatDoesNotSplitIntoWholeTicksIsRefused() {
        assertThatThrownBy(() -> new SteadyWriter.Plan(2_500, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
