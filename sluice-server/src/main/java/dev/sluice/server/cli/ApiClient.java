package dev.sluice.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.error.FatalException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The CLI's calls to a running Sluice's HTTP admin API. An error the API answers becomes a
 * {@link FatalException} carrying its one line (so the command prints {@code sluice: <line>} and
 * exits 2), as does an API that cannot be reached, with what to check.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String token;
    private final HttpClient http;

    /** @param base the API's URL without a trailing slash; @param token its bearer token, or null */
    ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** An answer: its HTTP status and its body (empty for 204). */
    record Reply(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON; null when empty. */
        JsonNode json() {
            if (body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }

    /** {@code method path} with an optional JSON body; a 2xx answer, or a {@link FatalException}. */
    Reply call(String method, String path, JsonNode body) {
        Reply reply = send(method, path, body);
        if (!reply.ok()) {
            throw failure(reply);
        }
        return reply;
    }

    /** {@code method path}, whatever the status; a {@link FatalException} only when no answer came. */
    Reply send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw new FatalException("Sluice's HTTP API at " + base + " did not answer " + method + " " + path + " within "
                    + ANSWER_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new FatalException("cannot reach Sluice's HTTP API at " + base + ": " + reason(e)
                    + "; is sluice run running with http-address set?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FatalException("interrupted while waiting for Sluice's HTTP API at " + base, e);
        }
    }

    /** The error an unsuccessful answer carries, as one line for the user. */
    FatalException failure(Reply reply) {
        JsonNode json = reply.json();
        String message = json != null && json.hasNonNull("error") ? json.get("error").asText()
                : "HTTP " + reply.status() + " from " + base + ": " + reply.body().strip().lines().findFirst().orElse("(no body)");
        if (reply.status() == 401 && token == null) {
            message += "; give it with --token or " + ApiOptions.TOKEN_ENV;
        }
        return new FatalException(message);
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
