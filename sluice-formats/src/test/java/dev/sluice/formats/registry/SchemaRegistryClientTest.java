package dev.sluice.formats.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.formats.testing.TestSchemaRegistry;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The registry client against the test registry: ids, cache, credentials and failures per policy. */
class SchemaRegistryClientTest {

    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Key\",\"namespace\":\"shop.public.t\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}";

    @Test
    void registersOnceAndCachesTheId() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            SchemaRegistryClient client = client(registry.url(), null, null, RegistryFailure.STOP);
            int id = client.register("shop.public.t-key", SCHEMA);
            assertThat(client.register("shop.public.t-key", SCHEMA)).isEqualTo(id);
            assertThat(registry.registrations()).isEqualTo(1);
            assertThat(new SchemaRegistryClient(new RegistrySettings(registry.url(), null, null, RegistryFailure.STOP))
                    .register("shop.public.t-key", SCHEMA)).as("a restarted Sluice gets the same id").isEqualTo(id);
            assertThat(registry.versions("shop.public.t-key")).hasSize(1);
        }
    }

    @Test
    void basicAuthIsSentAndRefusedCredentialsAreNamed() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.startWithBasicAuth("sluice", "s3cret")) {
            client(registry.url(), "sluice", "s3cret", RegistryFailure.STOP).check();
            assertThat(client(registry.url(), "sluice", "s3cret", RegistryFailure.STOP).register("s-key", SCHEMA)).isPositive();
            assertThatThrownBy(() -> client(registry.url(), null, null, RegistryFailure.RETRY).check())
                    .isInstanceOf(FatalException.class)
                    .hasMessage("schema registry at " + registry.url() + " refused a request without credentials (401); "
                            + "check schema-registry-user and schema-registry-password");
            assertThatThrownBy(() -> client(registry.url(), "sluice", "wrong", RegistryFailure.STOP).register("s-key", SCHEMA))
                    .isInstanceOf(FatalException.class).hasMessageContaining("refused the credentials of user sluice (401)")
                    .hasMessageNotContaining("wrong");
        }
    }

    @Test
    void anUnreachableRegistryIsRetriedOrStopsAsConfigured() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        URI url = closed;
        assertThatThrownBy(() -> client(url, null, null, RegistryFailure.RETRY).register("s-value", SCHEMA))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("schema registry at " + url + " is not reachable (ConnectException")
                .hasMessageEndingWith("registering the schema of subject s-value; check schema-registry-url and that the registry is up");
        assertThatThrownBy(() -> client(url, null, null, RegistryFailure.STOP).register("s-value", SCHEMA))
                .isInstanceOf(FatalException.class).hasMessageContaining("is not reachable");
        assertThatThrownBy(() -> client(url, null, null, RegistryFailure.RETRY).check())
                .as("at start an unreachable registry is a configuration mistake").isInstanceOf(FatalException.class);
    }

    @Test
    void aFailingRegistryIsNamedWithItsAnswer() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            registry.failWith(503);
            assertThatThrownBy(() -> client(registry.url(), null, null, RegistryFailure.RETRY).register("s-value", SCHEMA))
                    .isInstanceOf(RetriableException.class)
                    .hasMessage("schema registry at " + registry.url() + " answered 503 registering subject s-value: "
                            + "the registry is failing on purpose");
            registry.failWith(0);
            assertThat(client(registry.url(), null, null, RegistryFailure.RETRY).register("s-value", SCHEMA)).isPositive();
        }
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new RegistrySettings(URI.create("http://r:8081"), "u", "s3cret", RegistryFailure.STOP).toString())
                .doesNotContain("s3cret").contains("****");
    }

    private static SchemaRegistryClient client(URI url, String user, String password, RegistryFailure failure) {
        return new SchemaRegistryClient(new RegistrySettings(url, user, password, failure));
    }
}
