package dev.sluice.bench.workload;

import dev.sluice.bench.Contender;
import dev.sluice.bench.run.ChildJvm;
import dev.sluice.bench.run.PgRecvLogical;
import dev.sluice.testkit.TestPostgres;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every workload runs against: the one PostgreSQL server and Kafka broker of the run, the
 * launchers of the contenders, the contenders chosen on the command line, and where progress is
 * printed.
 *
 * @param kafkaBootstrap the broker, {@code 127.0.0.1:PORT}
 * @param topicCleaner   deletes the topics whose names start with the given prefix
 * @param chosen         contenders chosen on the command line; empty: each workload's defaults
 */
public record BenchContext(TestPostgres postgres, String kafkaBootstrap, Consumer<String> topicCleaner, ChildJvm jvm,
        PgRecvLogical recvlogical, Set<Contender> chosen, PrintStream progress) {

    /** The workload's contenders that were chosen, in the workload's order, or its defaults if none were. */
    List<Contender> pick(List<Contender> own, List<Contender> defaults) {
        return chosen.isEmpty() ? defaults : own.stream().filter(chosen::contains).toList();
    }
}
