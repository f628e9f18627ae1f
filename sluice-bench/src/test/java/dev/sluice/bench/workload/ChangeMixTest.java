package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.bench.workload.ChangeMix.Kind;
import dev.sluice.bench.workload.ChangeMix.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeMixTest {

    private final ChangeMix issues = ChangeMix.of(1_000_000, 100);

    @Test
    void theStreamMixIsHalfInsertsThirtyPercentUpdatesTwentyPercentDeletes() {
        assertThat(issues).isEqualTo(new ChangeMix(500_000, 300_000, 200_000, 100));
    }

    @Test
    void eachBlockHoldsTheWholeMixInSmall() {
        assertThat(issues.blocks()).isEqualTo(1_000);
        assertThat(issues.block(0)).containsExactly(
                new Transaction(Kind.INSERT, 1, 100), new Transaction(Kind.INSERT, 101, 200),
                new Transaction(Kind.INSERT, 201, 300), new Transaction(Kind.INSERT, 301, 400),
                new Transaction(Kind.INSERT, 401, 500),
                new Transaction(Kind.UPDATE, 1, 100), new Transaction(Kind.UPDATE, 101, 200),
                new Transaction(Kind.UPDATE, 201, 300),
                new Transaction(Kind.DELETE, 301, 400), new Transaction(Kind.DELETE, 401, 500));
        assertThat(issues.block(999).get(0)).isEqualTo(new Transaction(Kind.INSERT, 499_501, 499_600));
        assertThatThrownBy(() -> issues.block(1_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyChangeTouchesOneLiveRowSoEveryChangeIsOneEvent() {
        for (ChangeMix mix : List.of(issues, ChangeMix.of(100_000, 100), ChangeMix.of(20_000, 100))) {
            Set<Long> live = new HashSet<>();
            Set<Long> everInserted = new HashSet<>();
            long[] rows = new long[Kind.values().length];
            for (int b = 0; b < mix.blocks(); b++) {
                for (Transaction t : mix.block(b)) {
                    assertThat(t.rows()).isEqualTo(mix.transactionRows());
                    for (long id = t.first(); id <= t.last(); id++) {
                        switch (t.kind()) {
                            case INSERT -> assertThat(everInserted.add(id) && live.add(id)).as("id %d inserted once", id).isTrue();
                            case UPDATE -> assertThat(live.contains(id)).as("id %d updated while live", id).isTrue();
                            case DELETE -> assertThat(live.remove(id)).as("id %d deleted while live", id).isTrue();
                        }
                    }
                    rows[t.kind().ordinal()] += t.rows();
                }
            }
            assertThat(rows).containsExactly(mix.inserts(), mix.updates(), mix.deletes());
            assertThat(live).hasSize(mix.inserts() - mix.deletes());
        }
    }

    @Test
    void anyStretchOfBlocksHasTheMix() {
        List<Kind> stream = new ArrayList<>();
        for (int b = 0; b < issues.blocks(); b++) {
            issues.block(b).forEach(t -> stream.add(t.kind()));
        }
        // The transactions from the 30th to the 50th percent of the stream, as the standard run times Debezium on them.
        List<Kind> stretch = stream.subList(stream.size() * 3 / 10, stream.size() / 2);
        assertThat(stretch.stream().filter(k -> k == Kind.INSERT).count()).isEqualTo(stretch.size() / 2);
        assertThat(stretch.stream().filter(k -> k == Kind.UPDATE).count()).isEqualTo(stretch.size() * 3 / 10);
        assertThat(stretch.stream().filter(k -> k == Kind.DELETE).count()).isEqualTo(stretch.size() / 5);
    }

    @Test
    void aMixWhoseUpdatesAndDeletesOutnumberItsInsertsIsRefused() {
        assertThatThrownBy(() -> new ChangeMix(300, 200, 200, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no more updates and deletes together than inserts");
    }
}
