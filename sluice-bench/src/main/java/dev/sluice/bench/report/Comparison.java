package dev.sluice.bench.report;

import dev.sluice.bench.Contender;
import java.util.List;
import java.util.Optional;

/**
 * Who a measurement is compared with: the workload's physical limit (pg_recvlogical for streams,
 * single-stream text COPY for snapshots, initial and incremental) and the best Debezium variant
 * doing the same job (counting for Sluice's discarding sink, Kafka for Sluice's Kafka sink).
 * Taking Debezium's better variant keeps the ratio fair to it.
 */
public final class Comparison {

    static final String SNAPSHOT = "snapshot";
    static final String INCREMENTAL = "incremental";

    private final List<Measurement> all;

    /** Keeps the workloads in run order and, within each, shows the limit, then Debezium, then Sluice. */
    public Comparison(List<Measurement> all) {
        List<String> workloads = all.stream().map(Measurement::workload).distinct().toList();
        this.all = all.stream().sorted(java.util.Comparator.comparingInt((Measurement m) -> workloads.indexOf(m.workload()))
                .thenComparing(Measurement::contender)).toList();
    }

    /**
     * The limit's rate in {@code workload}, if it was measured. The incremental snapshot is held
     * against the snapshot workload's text COPY: the same table shape, read in one go.
     */
    public Optional<Measurement> limit(String workload) {
        return switch (workload) {
            case SNAPSHOT, INCREMENTAL -> find(SNAPSHOT, Contender.COPY_TEXT);
            default -> find(workload, Contender.PG_RECVLOGICAL);
        };
    }

    /** The same contender's initial snapshot, for an incremental snapshot's measurement. */
    public Optional<Measurement> initial(Measurement incremental) {
        return incremental.workload().equals(INCREMENTAL) ? find(SNAPSHOT, incremental.contender()) : Optional.empty();
    }

    /** An incremental snapshot's rate over the same contender's initial snapshot's. */
    public Optional<Double> toInitial(Measurement incremental) {
        if (!incremental.done()) {
            return Optional.empty();
        }
        return initial(incremental).filter(Measurement::done).map(i -> incremental.rate() / i.rate());
    }

    /** The faster Debezium variant comparable with {@code sluice}, if one was measured. */
    public Optional<Measurement> debezium(String workload, Contender sluice) {
        List<Contender> peers = sluice.kafka()
                ? List.of(Contender.DEBEZIUM_KAFKA, Contender.DEBEZIUM_KAFKA_RAISED)
                : List.of(Contender.DEBEZIUM_COUNT, Contender.DEBEZIUM_COUNT_RAISED);
        return all.stream().filter(m -> m.workload().equals(workload) && peers.contains(m.contender()) && m.done())
                .max(java.util.Comparator.comparingDouble(Measurement::rate));
    }

    /**
     * {@code m}'s rate over the limit's, or empty when either is missing or it is the limit itself.
     * Not for the big transaction: pg_recvlogical's time there includes the server decoding the
     * whole transaction before it sends the first row, the JVM contenders' (first event to last) not.
     */
    public Optional<Double> toLimit(Measurement m) {
        if (m.contender().family() == Contender.Family.LIMIT || !m.done() || m.workload().equals("bigtx")) {
            return Optional.empty();
        }
        return limit(m.workload()).filter(Measurement::done).map(l -> m.rate() / l.rate());
    }

    /** A Sluice measurement's rate over the best comparable Debezium's; not for latency runs, whose rate is the writer's. */
    public Optional<Double> toDebezium(Measurement m) {
        if (m.contender().family() != Contender.Family.SLUICE || !m.done() || m.latency() != null) {
            return Optional.empty();
        }
        return debezium(m.workload(), m.contender()).map(d -> m.rate() / d.rate());
    }

    /**
     * Sluice into the discarding sink with each format measured in {@code workload}, json
     * ({@code sluice-discard}) first: the same changes through the same pipeline, only the encoder differs.
     */
    public List<Measurement> encoders(String workload) {
        return all.stream().filter(m -> m.workload().equals(workload) && isEncoderRun(m.contender())).toList();
    }

    /** {@code m}'s rate over Sluice's own json's ({@code sluice-discard}) in the same workload; empty for json itself. */
    public Optional<Double> toJson(Measurement m) {
        if (!isEncoderRun(m.contender()) || m.contender() == Contender.SLUICE_DISCARD || !m.done()) {
            return Optional.empty();
        }
        return find(m.workload(), Contender.SLUICE_DISCARD).filter(Measurement::done).map(json -> m.rate() / json.rate());
    }

    private static boolean isEncoderRun(Contender contender) {
        return contender.family() == Contender.Family.SLUICE && !contender.kafka() && contender.encoding() != null;
    }

    public Optional<Measurement> find(String workload, Contender contender) {
        return all.stream().filter(m -> m.workload().equals(workload) && m.contender() == contender).findFirst();
    }

    public List<Measurement> all() {
        return all;
    }
}
