package dev.sluice.bench.report;

import dev.sluice.bench.Contender;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The targets for Sluice, checked against a run. A target whose figures were not measured
 * (its workload or contenders were left out) is reported as such, never as met.
 */
public final class Targets {

    private Targets() {
    }

    /** One target: what it asks, what was measured, and whether it was met (empty: not measured). */
    public record Check(String target, String measured, Optional<Boolean> met) {
    }

    public static List<Check> check(Comparison c) {
        List<Check> checks = new ArrayList<>();
        checks.add(ratio(c, "stream", Contender.SLUICE_DISCARD, c::toLimit,
                "stream into a discarding sink ≥ 0.8× pg_recvlogical", 0.8, "pg_recvlogical"));
        checks.add(ratio(c, "stream", Contender.SLUICE_KAFKA, c::toDebezium,
                "stream into Kafka ≥ 4× Debezium into Kafka", 4, "Debezium into Kafka"));
        checks.add(ratio(c, "snapshot", Contender.SLUICE_DISCARD, c::toLimit,
                "snapshot into a discarding sink ≥ 0.5× text COPY", 0.5, "text COPY"));
        checks.add(ratio(c, "snapshot", Contender.SLUICE_DISCARD, c::toDebezium,
                "snapshot into a discarding sink ≥ 10× Debezium", 10, "Debezium counting"));
        checks.add(latency(c, "latency-2000", 50));
        checks.add(latency(c, "latency-10000", 100));
        checks.add(bigTransaction(c));
        return checks;
    }

    private static Measurement find(Comparison c, String workload, Contender contender) {
        return c.find(workload, contender).orElse(null);
    }

    private static Check ratio(Comparison c, String workload, Contender contender,
            Function<Measurement, Optional<Double>> ratioOf, String target, double needed, String versus) {
        Measurement m = find(c, workload, contender);
        Optional<Double> ratio = m == null ? Optional.empty() : ratioOf.apply(m);
        if (m == null || ratio.isEmpty()) {
            return new Check(target, "not measured", Optional.empty());
        }
        return new Check(target, String.format(Locale.ROOT, "%,.0f/s = %.2f× %s", m.rate(), ratio.get(), versus),
                Optional.of(ratio.get() >= needed));
    }

    private static Check latency(Comparison c, String workload, double maxP99) {
        String target = String.format(Locale.ROOT, "p99 commit→ack ≤ %.0f ms at %s changes/s", maxP99,
                String.format(Locale.ROOT, "%,d", Integer.parseInt(workload.substring(workload.indexOf('-') + 1))));
        Measurement m = find(c, workload, Contender.SLUICE_KAFKA);
        if (m == null || m.latency() == null) {
            return new Check(target, m == null ? "not measured" : m.status(), m == null ? Optional.empty() : Optional.of(false));
        }
        return new Check(target, String.format(Locale.ROOT, "p99 %.1f ms (p50 %.1f, max %.1f)", m.latency().p99(),
                m.latency().p50(), m.latency().max()), Optional.of(m.latency().p99() <= maxP99));
    }

    private static Check bigTransaction(Comparison c) {
        String target = "2M-row transaction within -Xmx256m, RSS flat";
        List<Measurement> sluice = c.all().stream()
                .filter(m -> m.workload().equals("bigtx") && m.contender().family() == Contender.Family.SLUICE).toList();
        if (sluice.isEmpty()) {
            return new Check(target, "not measured", Optional.empty());
        }
        StringBuilder measured = new StringBuilder();
        boolean met = true;
        for (Measurement m : sluice) {
            measured.append(measured.length() == 0 ? "" : "; ").append(m.contender().id()).append(": ");
            if (m.done() && m.heap() != null) {
                measured.append(String.format(Locale.ROOT, "heap after GC ≤ %.0f MB, RSS %.0f MB", m.heap().afterGcMb(), m.peakRssMb()));
            } else {
                measured.append(m.status());
                met = false;
            }
        }
        return new Check(target, measured.toString(), Optional.of(met));
    }

    public static String markdown(List<Check> checks) {
        StringBuilder out = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
        for (Check check : checks) {
            out.append("| ").append(check.target()).append(" | ").append(check.measured()).append(" | ")
                    .append(check.met().map(m -> m ? "yes" : "**no**").orElse("—")).append(" |\n");
        }
        return out.toString();
    }
}
