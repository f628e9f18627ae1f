package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.error.FatalException;
import dev.sluice.testkit.TestKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPreflightTest {

    @Test
    void passesWhenTheBrokerAnswers() {
        assertThatCode(() -> KafkaPreflight.check(TestKafka.shared().bootstrapServers(), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheServersAndTheFixWhenNothingListens() throws IOException {
        String servers = "127.0.0.1:" + deadPort();
        assertThatThrownBy(() -> KafkaPreflight.check(servers, Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(FatalException.class)
                .hasMessage("Kafka at " + servers + " is not reachable (no answer within 2 s); "
                        + "check kafka-bootstrap-servers and that the brokers are up");
    }

    @Test
    void rejectsABootstrapStringThatIsNotHostAndPort() {
        assertThatThrownBy(() -> KafkaPreflight.check("localhost", Map.of()))
                .isInstanceOf(FatalException.class)
                .hasMessageStartingWith("kafka-bootstrap-servers \"localhost\" is not usable (")
                .hasMessageEndingWith("); give resolvable host:port pairs separated by commas, e.g. localhost:9092");
    }

    @Test
    void rejectsAHostThatDoesNotResolve() {
        assertThatThrownBy(() -> KafkaPreflight.check("no-such-host.invalid:9092", Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(FatalException.class)
                .hasMessageStartingWith("kafka-bootstrap-servers \"no-such-host.invalid:9092\" is not usable (");
    }

    @Test
    void openingASinkOnADeadPortFailsBeforeAnyRecord() throws IOException {
        String servers = "127.0.0.1:" + deadPort();
        assertThatThrownBy(() -> KafkaSink.open(servers, Map.of(), 1, (short) 1))
                .isInstanceOf(FatalException.class)
                .hasMessage("Kafka at " + servers + " is not reachable (no answer within 10 s); "
                        + "check kafka-bootstrap-servers and that the brokers are up");
    }

    @Test
    void rejectsInvalidProducerPropertiesWithTheirName() {
        assertThatThrownBy(() -> new KafkaSink(TestKafka.shared().bootstrapServers(), Map.of("acks", "sometimes"), 1, (short) 1))
                .isInstanceOf(FatalException.class)
                .hasMessageContaining("acks")
                .hasMessageEndingWith("; fix or remove that property");
        assertThat(KafkaFailures.seconds(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
