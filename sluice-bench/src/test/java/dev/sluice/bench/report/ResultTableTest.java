package dev.sluice.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.Contender;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static Measurement drain(String workload, Contender contender, long events, double seconds) {
        return new Measurement(workload, contender, "events", events, seconds, null, 1.25, 300, null, "done", "");
    }

    private final List<Measurement> stream = List.of(
            drain("stream", Contender.PG_RECVLOGICAL, 1_000_000, 4),
            drain("stream", Contender.DEBEZIUM_COUNT, 1_000_000, 40),
            drain("stream", Contender.DEBEZIUM_COUNT_RAISED, 1_000_000, 50),
            drain("stream", Contender.SLUICE_DISCARD, 1_000_000, 5),
            new Measurement("stream", Contender.SLUICE_KAFKA, "events", 10, 0, null, 3, 200, null, "timeout", "slow"));

    @Test
    void sluiceIsComparedWithTheLimitAndTheFasterDebeziumDoingTheSameJob() {
        Comparison comparison = new Comparison(stream);
        Measurement sluice = stream.get(3);
        assertThat(comparison.toLimit(sluice)).hasValue(0.8);
        assertThat(comparison.toDebezium(sluice)).hasValue(8.0);
        assertThat(comparison.toDebezium(stream.get(1))).isEmpty();
        assertThat(comparison.toLimit(stream.get(0))).isEmpty();
    }

    @Test
    void theMainTableHasOneRowPerRunWithRatiosAndDashes() {
        String table = ResultTable.main(new Comparison(stream));
        assertThat(table.lines()).hasSize(2 + stream.size());
        assertThat(table).contains("| stream | pg_recvlogical | 250,000 | — | — | — | — | — | 1.3 | 300 |");
        assertThat(table).contains("| stream | sluice-discard | 200,000 | 0.80× | 8.00× | — | — | — | 1.3 | 300 |");
        assertThat(table).contains("| stream | sluice-kafka | **TIMEOUT** | — | — | — | — | — | 3.0 | 200 |");
    }

    @Test
    void latencyRowsShowPercentilesAndNoRateRatios() {
        Measurement latency = new Measurement("latency-2000", Contender.SLUICE_KAFKA, "events", 40_000, 20, 
                new Measurement.Latency(40_000, 4.25, 31.5, 120.4), 9, 250, null, "done", "");
        Measurement debezium = new Measurement("latency-2000", Contender.DEBEZIUM_KAFKA, "events", 40_000, 20,
                new Measurement.Latency(40_000, 900, 1200, 1500), 19, 900, null, "done", "");
        String table = ResultTable.main(new Comparison(List.of(debezium, latency)));
        assertThat(table).contains("| latency-2000 | sluice-kafka | 2,000 | — | — | 4.3 | 31.5 | 120 | 9.0 | 250 |");
    }

    @Test
    void targetsReportWhatWasNotMeasuredAsSuchAndNeverAsMet() {
        List<Targets.Check> checks = Targets.check(new Comparison(stream));
        assertThat(checks.get(0).met()).hasValue(true);
        assertThat(checks.get(0).measured()).isEqualTo("200,000/s = 0.80× pg_recvlogical");
        assertThat(checks.get(1).met()).isEmpty();
        assertThat(checks.get(2).measured()).isEqualTo("not measured");
        assertThat(Targets.markdown(checks)).contains("| stream into a discarding sink ≥ 0.8× pg_recvlogical | 200,000/s = 0.80× pg_recvlogical | yes |");
    }

    @Test
    void formatsAreComparedWithJsonInALinePerWorkloadAndATable() {
        List<Measurement> formats = new java.util.ArrayList<>(stream);
        formats.add(drain("stream", Contender.SLUICE_DISCARD_AVRO, 1_000_000, 6.25));
        formats.add(new Measurement("stream", Contender.SLUICE_DISCARD_DEBEZIUM_JSON, "events", 10, 0, null, 3, 200, null,
                "failed", "boom"));
        Comparison comparison = new Comparison(formats);
        String encoders = ResultTable.encoders(comparison);
        assertThat(encoders).contains("- **stream**: json 200,000/s · debezium-json **FAILED** · avro 160,000/s (0.80× json)\n");
        assertThat(encoders).contains("| stream | avro | sluice-discard-avro | 160,000 | 0.80× | 0.64× | 1.3 | 1.3 | 300 |");
        assertThat(encoders).contains("| stream | json | sluice-discard | 200,000 | — | 0.80× | 1.3 | 1.3 | 300 |");
        assertThat(encoders).doesNotContain("sluice-kafka");
        assertThat(comparison.toDebezium(formats.get(5))).hasValue(6.4);
    }

    @Test
    void noFormatsTableWithJsonAlone() {
        assertThat(ResultTable.encoders(new Comparison(stream))).isEmpty();
    }

    @Test
    void theIncrementalSnapshotIsHeldAgainstTheSnapshotWorkloadsCopyAndTheSameContendersInitialSnapshot() {
        List<Measurement> snapshots = List.of(
                drain("snapshot", Contender.COPY_TEXT, 1_000_000, 1),
                drain("snapshot", Contender.DEBEZIUM_COUNT, 1_000_000, 25),
                drain("snapshot", Contender.SLUICE_DISCARD, 1_000_000, 4),
                drain("incremental", Contender.SLUICE_DISCARD, 1_000_000, 8),
                new Measurement("incremental", Contender.SLUICE_KAFKA, "rows", 10, 0, null, 3, 200, null, "failed", "boom"));
        Comparison comparison = new Comparison(snapshots);
        Measurement incremental = snapshots.get(3);
        assertThat(comparison.toLimit(incremental)).hasValue(0.125);
        assertThat(comparison.toInitial(incremental)).hasValue(0.5);
        assertThat(comparison.toDebezium(incremental)).isEmpty();
        assertThat(ResultTable.main(comparison)).contains("| incremental | sluice-discard | 125,000 | 0.13× | — |");
        String table = ResultTable.snapshots(comparison);
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("| sluice-discard | 250,000 | 0.25× | 6.25× | 125,000 | 0.13× | — | 0.50× | 1.3 | 300 |");
        assertThat(table).contains("| sluice-kafka | — | — | — | **FAILED** | — | — | — | 3.0 | 200 |");
    }

    @Test
    void noSnapshotsTableWithoutAnIncrementalSnapshot() {
        assertThat(ResultTable.snapshots(new Comparison(stream))).isEmpty();
    }

    @Test
    void ratiosBelowTenKeepTwoDecimalsAndAboveOne() {
        assertThat(ResultTable.ratio(java.util.Optional.of(0.834))).isEqualTo("0.83×");
        assertThat(ResultTable.ratio(java.util.Optional.of(12.46))).isEqualTo("12.5×");
    }
}
