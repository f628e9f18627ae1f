package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.config.SluiceConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The demo's own machinery — embedded PostgreSQL, in-process Kafka, sample schema, writer,
 * consumer, shutdown — with a stand-in engine that publishes a few events the way Sluice does.
 * (The real engine's events are tested where the engine is.)
 */
class DemoCommandTest {

    private final AtomicReference<SluiceConfig> seen = new AtomicReference<>();

    record Outcome(int status, String out, String err) {
    }

    private Outcome demo(Function<SluiceConfig, Engine> engines, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new SluiceCli(name -> null, engines).execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(status, out.toString(), err.toString());
    }

    /** Publishes a create, a delete and its tombstone to the customers topic, then waits to be stopped. */
    private Engine publishingEngine(SluiceConfig config) {
        seen.set(config);
        CountDownLatch stopped = new CountDownLatch(1);
        return new Engine() {
            @Override
            public void run() {
                Map<String, Object> producerConfig = Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all");
                String topic = config.topicPrefix() + ".shop.customers";
                try (var producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(topic, utf8("{\"id\":1}"),
                            utf8("{\"op\":\"c\",\"before\":null,\"after\":{\"id\":1,\"name\":\"Ada Lovelace\"}}")));
                    producer.send(new ProducerRecord<>(topic, utf8("{\"id\":1}"),
                            utf8("{\"op\":\"d\",\"before\":{\"id\":1},\"after\":null}")));
                    producer.send(new ProducerRecord<>(topic, utf8("{\"id\":1}"), null));
                    producer.flush();
                }
                try {
                    stopped.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void stop() {
                stopped.countDown();
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheEventsArrivingOnTheTopicsAndExitsZero() {
        Outcome outcome = demo(this::publishingEngine, "demo", "--duration", "1s");

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("PostgreSQL 1").contains("Kafka is up on 127.0.0.1:")
                .contains("with tables shop.customers, shop.orders")
                .contains("demo.shop.customers    create    key={\"id\":1}  after={\"id\":1,\"name\":\"Ada Lovelace\"}")
                .contains("demo.shop.customers    delete    key={\"id\":1}  before={\"id\":1}")
                .contains("demo.shop.customers    tombstone key={\"id\":1}")
                .containsPattern("Done: wrote \\d+ changes; 3 events arrived");
        SluiceConfig config = seen.get();
        assertThat(config.topicPrefix()).isEqualTo("demo");
        assertThat(config.schemas()).containsExactly("shop");
        assertThat(config.databaseUrl()).startsWith("jdbc:postgresql://localhost:").endsWith("/sluice_demo_1");
        assertThat(config.output()).isNull();
    }

    @Test
    void withoutKafkaTheEngineWritesToStdoutAndNoBrokerStarts() {
        Outcome outcome = demo(config -> {
            seen.set(config);
            return new Engine() {
                private final CountDownLatch stopped = new CountDownLatch(1);

                @Override
                public void run() {
                    try {
                        stopped.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void stop() {
                    stopped.countDown();
                }
            };
        }, "demo", "--duration", "1s", "--no-kafka");

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out()).doesNotContain("Kafka is up").contains("as JSON lines on stdout")
                .containsPattern("Done: wrote [1-9]\\d* changes\\n");
        assertThat(seen.get().kafkaBootstrapServers()).isNull();
    }

    @Test
    void anEngineFailureEndsTheDemoWithTheEnginesMessage() {
        Outcome outcome = demo(config -> new Engine() {
            @Override
            public void run() {
                throw new UnsupportedOperationException("not yet wired");
            }

            @Override
            public void stop() {
            }
        }, "demo", "--duration", "30s", "--no-kafka");

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(List.of(outcome.err().split("\n"))).containsExactly(
                "sluice: unexpected error: UnsupportedOperationException: not yet wired (rerun with --verbose for details)");
    }
}
