package dev.sluice.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a table's blocks are cut into chunks so that the snapshot's workers finish together. */
class SnapshotPlanningTest {

    @Test
    void aTableOfSeveralChunksGetsAMultipleOfTheWorkers() {
        // 5 chunks' worth for 2 workers: 6, so that neither reads the last one alone.
        assertThat(SnapshotPlanner.chunkCount(11_825, 2_365, 2)).isEqualTo(6);
        assertThat(SnapshotPlanner.chunkCount(11_825, 2_365, 4)).isEqualTo(8);
        assertThat(SnapshotPlanner.chunkCount(4_730, 2_365, 2)).isEqualTo(2);
        assertThat(SnapshotPlanner.chunkCount(100, 2_365, 2)).isEqualTo(2);
        assertThat(SnapshotPlanner.chunkCount(100_000, 2_000, 8)).isEqualTo(56);
    }

    @Test
    void evenRangesCoverEveryBlockOnceAndKeepTheEndOpen() {
        List<BlockRange> ranges = BlockRange.WHOLE.splitEvenly(6, 11_825);
        assertThat(ranges).hasSize(6);
        assertThat(ranges.get(0).from()).isZero();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).isEqualTo(ranges.get(i - 1).to());
        }
        assertThat(ranges.get(5).to()).as("rows added after planning are read too").isEqualTo(-1);
        for (BlockRange range : ranges.subList(0, 5)) {
            assertThat(range.to() - range.from()).isBetween(1970L, 1971L);
        }
    }

    @Test
    void aTableWithFewerBlocksThanPartsGetsOneRangePerBlock() {
        assertThat(BlockRange.WHOLE.splitEvenly(4, 2)).containsExactly(new BlockRange(0, 1), new BlockRange(1, -1));
        assertThat(BlockRange.WHOLE.splitEvenly(4, 0)).containsExactly(BlockRange.WHOLE);
        assertThat(new BlockRange(10, 20).splitEvenly(2, 99)).containsExactly(new BlockRange(10, 15), new BlockRange(15, 20));
    }
}
