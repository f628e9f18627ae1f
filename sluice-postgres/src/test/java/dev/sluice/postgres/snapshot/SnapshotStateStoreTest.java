package dev.sluice.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot progress file: what a crash leaves is what the next run reads. */
class SnapshotStateStoreTest {

    private static final TableId ORDERS = new TableId("Shop", "order lines");
    private static final TableId USERS = new TableId("public", "users");

    @TempDir
    Path dir;

    @Test
    void planDeliveredChunksAndJobsSurviveARoundTrip() {
        SnapshotStateStore store = SnapshotStateStore.forSlot(dir, "slot");
        List<PlannedChunk> plan = List.of(new PlannedChunk(0, ORDERS, new BlockRange(0, 100)),
                new PlannedChunk(1, ORDERS, new BlockRange(100, -1)), new PlannedChunk(2, USERS, BlockRange.WHOLE));
        SnapshotState state = new SnapshotState("slot", Lsn.parse("0/16B3748"), plan, new BitSet());
        state.initialChunkDelivered(1);
        SnapshotJob keyset = new SnapshotJob("request-7", USERS, "id > 'a=b' AND x <> '\\n'", "request",
                SnapshotJob.Kind.KEYSET, JobCursor.keysetStart());
        keyset.deliver(keyset.live().afterKeysetChunk(List.of("42", "tab\there"), 4096));
        state.add(keyset);
        state.lastRequest(7);
        state.paused(true);
        store.save(state);

        SnapshotState read = store.load().orElseThrow();
        assertThat(read.initialPlan()).isEqualTo(plan);
        assertThat(read.initialChunksLeft()).extracting(PlannedChunk::index).containsExactly(0, 2);
        assertThat(read.paused()).isTrue();
        assertThat(read.lastRequest()).isEqualTo(7);
        SnapshotJob job = read.jobs().get(0);
        assertThat(job.id()).isEqualTo("request-7");
        assertThat(job.condition()).isEqualTo("id > 'a=b' AND x <> '\\n'");
        assertThat(job.live().afterKey()).containsExactly("42", "tab\there");
        assertThat(job.live().rows()).isEqualTo(4096);
    }

    @Test
    void theRestOfAnInterruptedPlanBecomesOneBlockJobPerTableInSmallerRanges() {
        List<PlannedChunk> plan = List.of(new PlannedChunk(0, ORDERS, new BlockRange(0, 100)),
                new PlannedChunk(1, ORDERS, new BlockRange(100, -1)), new PlannedChunk(2, USERS, BlockRange.WHOLE));
        SnapshotState state = new SnapshotState("slot", Lsn.parse("0/1"), plan, new BitSet());
        state.initialChunkDelivered(0);
        SnapshotState next = state.continueInitialIncrementally(t -> 40L, t -> t.equals(ORDERS) ? 190L : 10L);
        assertThat(next.initialPlan()).isEmpty();
        assertThat(next.initialWorkLeft()).isTrue();
        assertThat(next.jobs()).extracting(SnapshotJob::id).containsExactly("initial-Shop.order lines", "initial-public.users");
        assertThat(next.jobs().get(0).live().ranges()).containsExactly(new BlockRange(100, 140), new BlockRange(140, 180),
                new BlockRange(180, -1));
        assertThat(next.jobs().get(1).live().ranges()).containsExactly(BlockRange.WHOLE);
    }

    @Test
    void aDamagedFileIsOneClearError() throws Exception {
        Files.writeString(dir.resolve("slot.snapshot"), "initial.chunks=1\n");
        assertThatThrownBy(() -> SnapshotStateStore.forSlot(dir, "slot").load())
                .isInstanceOf(FatalException.class)
                .hasMessageContaining("cannot read Sluice's snapshot state file")
                .hasMessageContaining("fix or delete it");
    }
}
