package dev.sluice.bench;

import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one PostgreSQL server and Kafka broker every contender of a run shares. The server is the
 * embedded PostgreSQL with durability back on ({@code fsync}, {@code synchronous_commit}), which
 * the test kit turns off by default; checkpoints are spaced out so that one does not land in the
 * middle of one contender's drain and not another's (the workloads checkpoint before draining).
 */
public final class BenchEnvironment implements AutoCloseable {

    static final Map<String, String> SERVER_CONFIG = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "max_wal_size", "16GB",
            "checkpoint_timeout", "1h");

    /** Settings printed with the results. */
    static final List<String> REPORTED_SETTINGS = List.of("server_version", "fsync", "synchronous_commit", "wal_level",
            "wal_sync_method", "shared_buffers", "max_wal_size", "checkpoint_timeout", "logical_decoding_work_mem",
            "wal_sender_timeout");

    private final TestPostgres postgres;
    private final TestKafka kafka;
    private final Admin admin;

    private BenchEnvironment(TestPostgres postgres, TestKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    public static BenchEnvironment start() {
        TestPostgres postgres = TestPostgres.start(SERVER_CONFIG);
        try {
            return new BenchEnvironment(postgres, TestKafka.startNew());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public TestPostgres postgres() {
        return postgres;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** The live values of {@link #REPORTED_SETTINGS}, as the server reports them. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : REPORTED_SETTINGS) {
            settings.put(name, postgres.setting(name));
        }
        return settings;
    }

    /** {@code SELECT version()}. */
    public String serverVersion() {
        try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the server version: " + e.getMessage(), e);
        }
    }

    /** Deletes the topics a contender wrote, so the broker carries no earlier run's data into the next. */
    public void deleteTopics(String prefix) {
        try {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix)).collect(Collectors.toSet());
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("could not delete topics " + prefix + "*: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close();
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
