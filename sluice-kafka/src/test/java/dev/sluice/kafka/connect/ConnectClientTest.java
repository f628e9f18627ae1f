package dev.sluice.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.testkit.TestConnect;
import dev.sluice.testkit.TestKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConnectClient} against a real Kafka Connect worker. */
class ConnectClientTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";

    private static ConnectClient client;

    private final List<String> connectors = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorker() {
        client = new ConnectClient(TestConnect.shared(TestKafka.shared()).url(), Duration.ofSeconds(30));
    }

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(client::delete);
    }

    @Test
    void unknownConnectorClassIsRefusedWithConnectsOwnMessage() {
        String name = connector("unknown-class");

        assertThatThrownBy(() -> client.putConfig(name, Map.of("connector.class", "com.example.NoSuchConnector",
                "topics", "t", "tasks.max", "1")))
                .isInstanceOf(FatalException.class)
                .hasMessageStartingWith("Kafka Connect at " + client.url() + " refused connector \"" + name + "\" (400): ")
                .hasMessageContaining("com.example.NoSuchConnector")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(client.list()).doesNotContain(name);
    }

    @Test
    void closedPortGivesARetriableOneLineMessage() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = socket.getLocalPort();
        }
        ConnectClient down = new ConnectClient("http://127.0.0.1:" + port + "/", Duration.ofSeconds(5));

        assertThatThrownBy(down::list)
                .isInstanceOf(RetriableException.class)
                .hasMessage("cannot reach Kafka Connect at http://127.0.0.1:" + port
                        + ": Connection refused; is the worker running and connect-url right?");
        assertThat(down.reachable()).isFalse();
    }

    @Test
    void unknownHostGivesARetriableOneLineMessage() {
        ConnectClient nowhere = new ConnectClient("http://no-such-host.invalid:8083", Duration.ofSeconds(5));

        assertThatThrownBy(nowhere::list)
                .isInstanceOf(RetriableException.class)
                .hasMessage("cannot reach Kafka Connect at http://no-such-host.invalid:8083: unknown host "
                        + "no-such-host.invalid; is the worker running and connect-url right?");
    }

    @Test
    void runningWorkerIsReachable() {
        assertThat(client.reachable()).isTrue();
    }

    @Test
    void stoppedWorkerIsNotReachable() {
        ConnectClient owned;
        try (TestConnect worker = TestConnect.start(TestKafka.shared())) {
            owned = new ConnectClient(worker.url(), Duration.ofSeconds(5));
            assertThat(owned.reachable()).isTrue();
        }

        assertThat(owned.reachable()).isFalse();
        assertThatThrownBy(owned::list).isInstanceOf(RetriableException.class);
    }

    @Test
    void absentConnectorIsEmptyNotAnError() {
        String name = "never-created-" + NAMES.incrementAndGet();

        assertThat(client.config(name)).isEmpty();
        assertThat(client.status(name)).isEmpty();
        assertThat(client.delete(name)).isFalse();
    }

    @Test
    void namesAreEncodedInPaths() {
        String name = connector("orders & more?#+ü");
        Map<String, String> config = Map.of("connector.class", FILE_SINK, "topics", "sluice.encoded",
                "file", dir.resolve("encoded.jsonl").toString(), "tasks.max", "1");

        client.putConfig(name, config);

        assertThat(client.list()).contains(name);
        assertThat(client.config(name)).hasValueSatisfying(live -> assertThat(live).containsAllEntriesOf(config)
                .containsEntry("name", name));
        assertThat(client.delete(name)).isTrue();
    }

    @Test
    void nameThatConnectCannotAddressIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.config("orders/2026"))
                .isInstanceOf(FatalException.class)
                .hasMessageStartingWith("connector name \"orders/2026\" contains '/'")
                .hasMessageEndingWith("; rename the connector");
    }

    @Test
    void failedTaskReportsTheFirstLineOfItsTrace() {
        String name = connector("failing");
        Path unwritable = dir.resolve("no-such-dir").resolve("sink.jsonl");
        client.putConfig(name, Map.of("connector.class", FILE_SINK, "topics", "sluice.failing",
                "file", unwritable.toString(), "tasks.max", "1"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ConnectorState state = client.status(name).orElseThrow();
            assertThat(state.name()).isEqualTo(name);
            assertThat(state.tasks()).singleElement().satisfies(task -> {
                assertThat(task.state()).isEqualTo("FAILED");
                assertThat(task.trace()).contains(unwritable.toString()).doesNotContain("\n");
            });
        });
    }

    private String connector(String role) {
        String name = "client-" + role + "-" + NAMES.incrementAndGet();
        connectors.add(name);
        return name;
    }
}
