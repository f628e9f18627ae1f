package dev.sluice.bench.workload;

import dev.sluice.bench.report.Measurement;
import java.util.List;

/**
 * One of the benchmark's workloads: it sets up its own database, writes its changes (or rows),
 * lets each chosen contender drain them, and cleans up.
 */
public interface Workload {

    /** Its name on the command line, e.g. {@code stream}. */
    String name();

    /** Its parameters, one line each, printed with the results. */
    List<String> parameters();

    List<Measurement> run(BenchContext context) throws Exception;
}
