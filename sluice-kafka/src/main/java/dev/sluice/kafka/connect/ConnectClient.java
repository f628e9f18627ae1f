package dev.sluice.kafka.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.error.FatalException;
import dev.sluice.core.error.RetriableException;
import dev.sluice.core.error.SluiceException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client for the part of Kafka Connect's REST API that Sluice needs: create, update and delete
 * connectors and read their configuration and state.
 *
 * <p>Every call is one HTTP request with the timeout given at construction; nothing is retried
 * here. Failures are Sluice's two kinds, each with the line a user reads:
 * <ul>
 *   <li>{@link RetriableException}: Connect cannot be reached or does not answer in time, answers
 *       {@code 409} (a rebalance is in progress) or {@code 5xx};
 *   <li>{@link FatalException}: Connect refuses Sluice's credentials ({@code 401}, {@code 403}),
 *       refuses the request ({@code 400} for an invalid connector configuration, any other
 *       {@code 4xx}) or answers with something that is not Connect's JSON. The message carries
 *       the HTTP status and Connect's own {@code message}.
 * </ul>
 * A connector that does not exist ({@code 404}) is not a failure: {@link #config},
 * {@link #status} return empty and {@link #delete} returns {@code false}.
 *
 * <p>Thread-safe: it holds only immutable settings and a JDK {@link HttpClient}, which is
 * thread-safe; share one instance.
 */
public final class ConnectClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> CONFIG = new TypeReference<>() { };
    private static final TypeReference<JsonNode> TREE = new TypeReference<>() { };
    /** Characters that Connect's Jetty refuses in a path even when encoded (HTTP 400, empty body). */
    private static final String UNADDRESSABLE = "/\\%";

    private final String url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * A client for the Connect worker (or cluster behind a load balancer) at {@code url}.
     *
     * @param url the REST API's base URL, e.g. {@code http://localhost:8083}
     * @param user the basic-auth user, or {@code null} when Connect asks for no authentication
     * @param password the basic-auth password; required with {@code user}
     * @param timeout how long to wait to connect and for each answer
     * @throws FatalException if {@code url} is not an http(s) URL or a user comes without password
     */
    public ConnectClient(String url, String user, String password, Duration timeout) {
        this.url = validUrl(url);
        if (user != null && password == null) {
            throw new FatalException("connect-user \"" + user + "\" is set without connect-password; set both or neither");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client for a Connect that asks for no authentication. */
    public ConnectClient(String url, Duration timeout) {
        this(url, null, null, timeout);
    }

    /** The base URL, without a trailing slash. */
    public String url() {
        return url;
    }

    /**
     * Creates connector {@code name} with {@code config}, or replaces its configuration (Connect
     * then restarts it). Idempotent.
     */
    public void putConfig(String name, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("connector configuration of \"" + name + "\" cannot be written as JSON", e);
        }
        Answer answer = send("PUT", connectorPath(name, "/config"), body);
        requireSuccess(answer, connector(name));
    }

    /** Deletes connector {@code name}; {@code false} if Connect had none of that name. */
    public boolean delete(String name) {
        Answer answer = send("DELETE", connectorPath(name, ""), null);
        if (answer.status() == 404) {
            return false;
        }
        requireSuccess(answer, connector(name));
        return true;
    }

    /** The names of all connectors on the cluster, in Connect's order. */
    public List<String> list() {
        Answer answer = send("GET", "/connectors", null);
        requireSuccess(answer, "the connector list");
        return parse(answer, "GET /connectors", NAMES);
    }

    /** Connector {@code name}'s configuration as Connect stores it (with its {@code name} key), if it exists. */
    public Optional<Map<String, String>> config(String name) {
        String path = connectorPath(name, "/config");
        Answer answer = send("GET", path, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        requireSuccess(answer, connector(name));
        return Optional.of(parse(answer, "GET " + path, CONFIG));
    }

    /** Connector {@code name}'s state and its tasks' states, if it exists. */
    public Optional<ConnectorState> status(String name) {
        String path = connectorPath(name, "/status");
        Answer answer = send("GET", path, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        requireSuccess(answer, connector(name));
        JsonNode status = parse(answer, "GET " + path, TREE);
        List<TaskState> tasks = new ArrayList<>();
        for (JsonNode task : status.path("tasks")) {
            tasks.add(new TaskState(task.path("id").asInt(), task.path("state").asText(), firstLine(task.path("trace"))));
        }
        JsonNode connector = status.path("connector");
        return Optional.of(new ConnectorState(status.path("name").asText(name), connector.path("state").asText(),
                connector.path("worker_id").asText(null), tasks));
    }

    /** True if Connect answers {@code GET /} with success; never throws. */
    public boolean reachable() {
        try {
            return send("GET", "/", null).isSuccess();
        } catch (SluiceException e) {
            return false;
        }
    }

    private Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new RetriableException("cannot reach Kafka Connect at " + url + ": " + reason(e)
                    + "; is the worker running and connect-url right?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while calling Kafka Connect at " + url, e);
        }
    }

    /** Throws the failure that {@code answer} means, unless it is a success. */
    private void requireSuccess(Answer answer, String subject) {
        if (answer.isSuccess()) {
            return;
        }
        int status = answer.status();
        String refusal = "Kafka Connect at " + url + " refused " + subject + " (" + status + "): " + message(answer);
        if (status == 401 || status == 403) {
            throw new FatalException(refusal + "; check connect-user and connect-password");
        }
        if (status == 409) {
            throw new RetriableException(refusal + "; a rebalance is in progress, retry shortly");
        }
        if (status >= 500) {
            throw new RetriableException("Kafka Connect at " + url + " failed on " + subject + " (" + status + "): "
                    + message(answer));
        }
        throw new FatalException(refusal);
    }

    private <T> T parse(Answer answer, String request, TypeReference<T> type) {
        try {
            return JSON.readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new FatalException("Kafka Connect at " + url + " answered " + request
                    + " with something that is not Connect's JSON (" + abbreviate(answer.body())
                    + "); is connect-url the Connect REST API?", e);
        }
    }

    /** Connect's {@code message} from an error body, on one line; the body itself if it is not Connect's JSON. */
    private static String message(Answer answer) {
        String body = answer.body() == null ? "" : answer.body();
        try {
            JsonNode message = JSON.readTree(body).path("message");
            if (message.isTextual()) {
                return oneLine(message.asText());
            }
        } catch (JsonProcessingException e) {
            // Not Connect's JSON (a proxy's page, say): show what came.
        }
        return body.isBlank() ? "no message" : abbreviate(body);
    }

    private static String connectorPath(String name, String suffix) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("connector name must not be blank");
        }
        for (char unaddressable : UNADDRESSABLE.toCharArray()) {
            if (name.indexOf(unaddressable) >= 0) {
                throw new FatalException("connector name \"" + name + "\" contains '" + unaddressable
                        + "', which Kafka Connect's REST API cannot address (its web server refuses an encoded '/', '\\'"
                        + " or '%' in a path); rename the connector");
            }
        }
        // URLEncoder encodes for forms; a path needs %20, not +, for a space.
        return "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + suffix;
    }

    private static String connector(String name) {
        return "connector \"" + name + "\"";
    }

    private static String validUrl(String url) {
        String hint = "; give the Connect REST API's base URL, e.g. http://localhost:8083";
        if (url == null) {
            throw new FatalException("connect-url is not set" + hint);
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new FatalException("connect-url \"" + url + "\" is not an http(s) URL of a host" + hint);
            }
        } catch (URISyntaxException e) {
            throw new FatalException("connect-url \"" + url + "\" is not a URL (" + e.getMessage() + ")" + hint, e);
        }
        return url.replaceAll("/+$", "");
    }

    private String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        // The JDK client throws a ConnectException without message, around a cause without one:
        // ClosedChannelException when refused, UnresolvedAddressException for an unknown host.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host " + URI.create(url).getHost();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return oneLine(cause.getMessage());
            }
        }
        return e instanceof ConnectException ? "Connection refused" : e.getClass().getSimpleName();
    }

    private static String firstLine(JsonNode trace) {
        if (!trace.isTextual() || trace.asText().isBlank()) {
            return null;
        }
        return trace.asText().strip().lines().findFirst().orElse(null);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String abbreviate(String body) {
        String line = oneLine(body == null ? "" : body);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** An HTTP answer: the status and the body as text. */
    private record Answer(int status, String body) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    @Override
    public String toString() {
        return "ConnectClient[" + url + (authorization == null ? "" : ", basic auth") + "]";
    }
}
