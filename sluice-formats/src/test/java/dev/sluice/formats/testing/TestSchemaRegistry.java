package dev.sluice.formats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry for tests, speaking the subset of Confluent Schema Registry's REST API that
 * Sluice and Avro consumers use: register ({@code POST /subjects/{subject}/versions}), get by id
 * ({@code GET /schemas/ids/{id}}), list subjects and versions, read a version, and set a
 * subject's compatibility ({@code PUT /config/{subject}}).
 *
 * <p>Why it exists: no Confluent registry can be installed here. It behaves as Confluent's does
 * where Sluice depends on it: an identical schema under a subject returns its existing id; ids
 * are global, one per distinct schema; a new version must be BACKWARD compatible with the
 * subject's latest (a reader with the new schema reads data written with the latest), checked
 * with Apache Avro's own compatibility rules, else 409. Optional basic auth answers 401; a test
 * can make it answer 503 to everything ({@link #failWith}).
 *
 * <p>Thread-safe (one lock); runs on 127.0.0.1 on a free port.
 */
public final class TestSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One registered version of a subject. */
    public record Version(int version, int id, String schema) {
        public Schema avro() {
            return new Schema.Parser().parse(schema);
        }
    }

    private final HttpServer server;
    private final String credentials;
    private final Map<String, List<Version>> subjects = new LinkedHashMap<>();
    private final Map<Integer, String> byId = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, String> compatibility = new HashMap<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private int nextId = 1;
    private volatile int failureStatus;

    private TestSchemaRegistry(String user, String password) throws IOException {
        this.credentials = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A registry without authentication. */
    public static TestSchemaRegistry start() throws IOException {
        return new TestSchemaRegistry(null, null);
    }

    /** A registry that requires basic auth with these credentials. */
    public static TestSchemaRegistry startWithBasicAuth(String user, String password) throws IOException {
        return new TestSchemaRegistry(user, password);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every version of a subject, oldest first. */
    public synchronized List<Version> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    public synchronized Schema schema(int id) {
        return new Schema.Parser().parse(byId.get(id));
    }

    /** How many register requests arrived (answered or not). */
    public int registrations() {
        return registrations.get();
    }

    /** Answers every request with this status (e.g. 503) until called with 0. */
    public void failWith(int status) {
        failureStatus = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.matches("/subjects/[^/]+/versions") && method.equals("POST")) {
                registrations.incrementAndGet();
            }
            if (failureStatus != 0) {
                reply(exchange, failureStatus, error(failureStatus * 100 + 3, "the registry is failing on purpose"));
                return;
            }
            if (credentials != null && !credentials.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            route(exchange, method, path.split("/"));
        }
    }

    private void route(HttpExchange exchange, String method, String[] parts) throws IOException {
        // parts[0] is "" (the path starts with '/').
        if (parts.length == 2 && parts[1].equals("subjects") && method.equals("GET")) {
            reply(exchange, 200, JSON.writeValueAsString(new TreeSet<>(subjects())));
        } else if (parts.length == 4 && parts[1].equals("subjects") && parts[3].equals("versions") && method.equals("POST")) {
            register(exchange, decode(parts[2]));
        } else if (parts.length == 4 && parts[1].equals("subjects") && parts[3].equals("versions") && method.equals("GET")) {
            List<Integer> numbers = versions(decode(parts[2])).stream().map(Version::version).toList();
            reply(exchange, numbers.isEmpty() ? 404 : 200, numbers.isEmpty() ? error(40401, "Subject not found") : JSON.writeValueAsString(numbers));
        } else if (parts.length == 5 && parts[1].equals("subjects") && parts[3].equals("versions") && method.equals("GET")) {
            version(exchange, decode(parts[2]), parts[4]);
        } else if (parts.length == 4 && parts[1].equals("schemas") && parts[2].equals("ids") && method.equals("GET")) {
            String schema;
            synchronized (this) {
                schema = byId.get(Integer.parseInt(parts[3]));
            }
            reply(exchange, schema == null ? 404 : 200, schema == null ? error(40403, "Schema not found")
                    : JSON.writeValueAsString(Map.of("schema", schema)));
        } else if (parts.length == 3 && parts[1].equals("config") && method.equals("PUT")) {
            String level = JSON.readTree(exchange.getRequestBody()).path("compatibility").asText();
            synchronized (this) {
                compatibility.put(decode(parts[2]), level);
            }
            reply(exchange, 200, JSON.writeValueAsString(Map.of("compatibility", level)));
        } else {
            reply(exchange, 404, error(404, "no such endpoint: " + method + " " + String.join("/", parts)));
        }
    }

    private void register(HttpExchange exchange, String subject) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        Schema schema;
        try {
            schema = new Schema.Parser().parse(body.path("schema").asText());
        } catch (RuntimeException e) {
            reply(exchange, 422, error(42201, "Invalid schema: " + e.getMessage()));
            return;
        }
        String canonical = schema.toString();
        synchronized (this) {
            List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
            for (Version v : versions) {
                if (v.schema().equals(canonical)) {
                    reply(exchange, 200, JSON.writeValueAsString(Map.of("id", v.id())));
                    return;
                }
            }
            if (!versions.isEmpty() && !compatibility.getOrDefault(subject, "BACKWARD").equals("NONE")) {
                Schema latest = versions.get(versions.size() - 1).avro();
                SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
                if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    reply(exchange, 409, error(409, "Schema being registered is incompatible with an earlier schema for subject \""
                            + subject + "\": " + result.getDescription()));
                    return;
                }
            }
            int id = idsBySchema.computeIfAbsent(canonical, s -> nextId++);
            byId.put(id, canonical);
            versions.add(new Version(versions.size() + 1, id, canonical));
            reply(exchange, 200, JSON.writeValueAsString(Map.of("id", id)));
        }
    }

    private void version(HttpExchange exchange, String subject, String which) throws IOException {
        List<Version> versions = versions(subject);
        if (versions.isEmpty()) {
            reply(exchange, 404, error(40401, "Subject not found"));
            return;
        }
        Version v = which.equals("latest") ? versions.get(versions.size() - 1) : versions.get(Integer.parseInt(which) - 1);
        reply(exchange, 200, JSON.writeValueAsString(Map.of("subject", subject, "version", v.version(), "id", v.id(), "schema", v.schema())));
    }

    private static String error(int code, String message) throws IOException {
        return JSON.writeValueAsString(Map.of("error_code", code, "message", message));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
