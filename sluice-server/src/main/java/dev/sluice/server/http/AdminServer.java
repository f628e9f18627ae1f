package dev.sluice.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.core.error.FatalException;
import dev.sluice.server.config.ControlConfig;
import dev.sluice.server.control.ControlException;
import dev.sluice.server.control.ControlService;
import dev.sluice.server.engine.EngineView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sluice's HTTP admin API: health, readiness, status, counters, Prometheus metrics, debug logging,
 * and the control operations as a small REST API with JSON in and out.
 *
 * <p>Built on the JDK's own HTTP server: a handful of routes answered from counters and SQL
 * functions need no framework, and a framework would be one more thing to patch. Two daemon
 * threads answer, so a slow control call (a connector created on a remote Connect cluster)
 * cannot starve {@code /health}.
 *
 * <p>Security: reads are open; every other request needs {@code Authorization: Bearer <token>}
 * when a token is configured, compared in constant time. Binding anywhere but loopback without a
 * token is refused by the configuration's validation, before this starts.
 *
 * <p>Errors are one JSON object, {@code {"error": "<one line>"}}: 400 for a malformed request,
 * 401 without the right token, 404 for an unknown path, 405 for a wrong method, and a
 * {@link ControlException}'s own status. Thread-safe; {@link #close()} must be called (the JDK's
 * dispatcher thread is not a daemon).
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final byte[] token;

    private AdminServer(HttpServer server, ExecutorService executor, Router router, String token) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Listens on {@code config.httpAddress()} ({@code host:port}, port 0 for any free one) and
     * answers from {@code engine} and {@code control}.
     *
     * @throws FatalException when the address cannot be bound (taken, or not this machine's)
     */
    public static AdminServer start(ControlConfig config, EngineView engine, ControlService control) {
        InetSocketAddress address = address(config.httpAddress());
        Router router = new Router();
        new ObservabilityRoutes(engine, control, config.readyMaxLagMb()).addTo(router);
        new ControlRoutes(control).addTo(router);
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new FatalException("cannot listen on " + config.httpAddress() + " for the HTTP admin API: " + e.getMessage()
                    + "; set http-address to a free host:port, or to off", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "sluice-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AdminServer admin = new AdminServer(server, executor, router, config.httpToken());
        server.createContext("/", admin::handle);
        server.setExecutor(executor);
        server.start();
        String host = address.getHostString().contains(":") ? "[" + address.getHostString() + "]" : address.getHostString();
        LOG.info("HTTP admin API on http://{}:{} ({})", host, admin.port(),
                config.httpToken() == null ? "writes need no token: loopback only" : "writes need the bearer token");
        return admin;
    }

    /** The port listened on (the chosen one when configured with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static InetSocketAddress address(String hostPort) {
        if (hostPort == null) {
            throw new IllegalArgumentException("no http-address: the admin API is off");
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("http-address must be host:port, not " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void handle(HttpExchange exchange) {
        long began = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        Response response;
        try {
            response = dispatch(exchange, method, path);
        } catch (Router.MethodNotAllowed e) {
            response = Response.error(e.status(), e.getMessage()).withHeader("Allow", e.allow());
        } catch (HttpError e) {
            response = Response.error(e.status(), e.getMessage());
        } catch (ControlException e) {
            response = Response.error(e.kind().httpStatus(), withoutPrefix(oneLine(e.getMessage())));
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} {} failed", method, path, e);
            response = Response.error(500, "internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + " (the log has the details)");
        }
        try {
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("HTTP {} {}: could not send the answer: {}", method, path, e.getMessage());
        } finally {
            exchange.close();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("HTTP {} {} from {} answered {} in {} ms", method, path, exchange.getRemoteAddress().getAddress().getHostAddress(),
                    response.status(), (System.nanoTime() - began) / 1_000_000);
        }
    }

    private Response dispatch(HttpExchange exchange, String method, String path) {
        if (!method.equals("GET")) {
            authorize(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        Router.Match match = router.match(method, path);
        return match.handler().handle(new Request(match.params(), body(exchange)));
    }

    private void authorize(String header) {
        if (token == null) {
            return;
        }
        if (header == null) {
            throw new HttpError(401, "this request needs the admin API's token: send the header Authorization: Bearer <http-token>");
        }
        if (!MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(401, "wrong token in the Authorization header (expected Bearer <http-token>)");
        }
    }

    private static byte[] body(HttpExchange exchange) {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw HttpError.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sluice\"");
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The SQL functions' messages start with "sluice: " for psql's sake; the CLI adds its own. */
    private static String withoutPrefix(String message) {
        return message.startsWith("sluice: ") ? message.substring("sluice: ".length()) : message;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().lines().findFirst().orElse("");
    }
}
