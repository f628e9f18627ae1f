package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotWorkloadTest {

    @Test
    void theTableIsFilledInPiecesTheLastOneShorter() {
        assertThat(SnapshotWorkload.ranges(1, 250, 100)).extracting(r -> r[0] + ".." + r[1])
                .containsExactly("1..100", "101..200", "201..250");
    }
}
