package dev.sluice.bench.child;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.event.Lsn;
import dev.sluice.postgres.snapshot.SnapshotState;
import dev.sluice.postgres.snapshot.SnapshotStateStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCompletionTest {

    @TempDir
    Path stateDir;

    private SnapshotStateStore storeWithRequest(long lastRequest) {
        SnapshotStateStore store = SnapshotStateStore.forSlot(stateDir, "incremental_sluice_discard");
        SnapshotState state = SnapshotState.empty("incremental_sluice_discard", Lsn.parse("0/16B3748"));
        state.lastRequest(lastRequest);
        store.save(state);
        return store;
    }

    @Test
    void theDrainEndsAtItsLastReadOnceSluiceRecordedTheRequestTakenAndNoJobLeft() throws Exception {
        DrainMeter meter = new DrainMeter(DrainMeter.UNKNOWN, 0, false);
        meter.event(0);
        meter.event(0);
        meter.event(0);
        SnapshotCompletion.watch(storeWithRequest(1), meter);

        assertThat(meter.await(10)).isTrue();
        assertThat(meter.failure()).isNull();
        assertThat(meter.count()).isEqualTo(3);
        assertThat(meter.seconds()).isGreaterThanOrEqualTo(0).isLessThan(1);
    }

    @Test
    void aRequestDoneWithoutASingleReadFailsTheDrain() throws Exception {
        DrainMeter meter = new DrainMeter(DrainMeter.UNKNOWN, 0, false);
        SnapshotCompletion.watch(storeWithRequest(7), meter);

        assertThat(meter.await(10)).isTrue();
        assertThat(meter.failure()).hasMessageContaining("snapshot request 7 without reading a row");
    }
}
