package dev.sluice.formats.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.error.SluiceException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers schemas with a Confluent-compatible schema registry over its REST API
 * ({@code POST /subjects/{subject}/versions}) and caches the ids, so each schema costs one
 * request per process. Registering a schema the subject already has returns its id again, so
 * the first request after a restart is cheap for the registry too.
 *
 * <p>Errors become {@link RetriableException}s or {@link FatalException}s as
 * {@link RegistryFailure} says, with a message naming the registry, the subject, the registry's
 * answer and what to do. TLS uses the JVM's trust store ({@code javax.net.ssl.trustStore}).
 * Thread-safe; shared by every attempt of one run so the cache outlives retries.
 */
public final class SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final String base;
    private final HttpClient http;
    private final Map<String, Map<String, Integer>> ids = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        String url = settings.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * The id of {@code schema} (Avro schema JSON) under {@code subject}, registering it as the
     * subject's next version if the registry does not have it yet.
     *
     * @throws SluiceException retriable or fatal per {@link RegistrySettings#failure()}
     */
    public int register(String subject, String schema) {
        Map<String, Integer> known = ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer id = known.get(schema);
        if (id != null) {
            return id;
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)), "registering the schema of subject " + subject);
        if (response.statusCode() != 200) {
            throw refused(response, subject);
        }
        int registered = readTree(response.body()).path("id").asInt(-1);
        if (registered < 0) {
            throw failure("schema registry at " + base + " answered registering subject " + subject + " without an id: " + response.body(),
                    null);
        }
        known.put(schema, registered);
        LOG.info("schema registry at {}: subject {} has schema id {}", base, subject, registered);
        return registered;
    }

    /**
     * Checks once at start that the registry answers and accepts the credentials, so that a wrong
     * URL or password is reported before anything is read. Always fatal: at start it is a
     * configuration mistake, not a passing fault.
     */
    public void check() {
        HttpResponse<String> response;
        try {
            response = http.send(authorized(HttpRequest.newBuilder(uri("/subjects"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FatalException(unreachable(e, "listing its subjects"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalException("interrupted while checking the schema registry at " + base, e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new FatalException(credentialsRefused(response));
        }
        if (response.statusCode() != 200) {
            throw new FatalException("schema registry at " + base + " answered " + response.statusCode()
                    + " to GET /subjects; check schema-registry-url (it should be the registry's base URL)");
        }
    }

    /** The registry's base URL, for messages. */
    public String url() {
        return base;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String doing) {
        try {
            return http.send(authorized(request).header("Content-Type", CONTENT_TYPE).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(unreachable(e, doing), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while " + doing + " at the schema registry " + base, e);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        request.timeout(REQUEST_TIMEOUT).header("Accept", CONTENT_TYPE + ", application/json");
        if (settings.user() != null) {
            String credentials = settings.user() + ":" + (settings.password() == null ? "" : settings.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private SluiceException refused(HttpResponse<String> response, String subject) {
        int status = response.statusCode();
        String message = readTree(response.body()).path("message").asText(response.body());
        if (status == 401 || status == 403) {
            return failure(credentialsRefused(response), null);
        }
        if (status == 409) {
            return failure("schema registry at " + base + " refused the new schema of subject " + subject
                    + " as incompatible with the subject's latest version (409: " + message + "); the table's change is not "
                    + "compatible under the subject's compatibility level: allow it (e.g. compatibility NONE for this subject) "
                    + "or undo the change", null);
        }
        if (status == 422) {
            return failure("schema registry at " + base + " rejected the schema of subject " + subject + " as invalid (422: "
                    + message + "); this is a Sluice bug, please report it", null);
        }
        return failure("schema registry at " + base + " answered " + status + " registering subject " + subject + ": " + message,
                null);
    }

    private String credentialsRefused(HttpResponse<String> response) {
        return "schema registry at " + base + " refused " + (settings.user() == null ? "a request without credentials"
                : "the credentials of user " + settings.user()) + " (" + response.statusCode()
                + "); check schema-registry-user and schema-registry-password";
    }

    private String unreachable(IOException e, String doing) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return "schema registry at " + base + " is not reachable (" + reason + ") " + doing
                + "; check schema-registry-url and that the registry is up";
    }

    private SluiceException failure(String message, Throwable cause) {
        return settings.failure() == RegistryFailure.RETRY ? new RetriableException(message, cause) : new FatalException(message, cause);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
