package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.control.ControlException;
import dev.sluice.server.control.ControlService;
import dev.sluice.server.engine.EngineState;
import dev.sluice.server.engine.EngineView;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code /health}, {@code /ready}, {@code /status}, {@code /stats}, {@code /metrics} and
 * {@code /debug/on|off}: what a load balancer, Kubernetes, Prometheus and a person on call ask.
 * Liveness is the process answering at all; readiness is streaming with the slot within
 * {@code ready-max-lag-mb} of the server.
 */
final class ObservabilityRoutes {

    private static final long MIB = 1024L * 1024L;

    private final EngineView engine;
    private final ControlService control;
    private final int readyMaxLagMb;
    private final DebugLogging debug = new DebugLogging();

    ObservabilityRoutes(EngineView engine, ControlService control, int readyMaxLagMb) {
        this.engine = engine;
        this.control = control;
        this.readyMaxLagMb = readyMaxLagMb;
    }

    void addTo(Router router) {
        router.add("GET", "/health", r -> Response.json(200, Map.of("status", "alive")))
                .add("GET", "/ready", r -> ready())
                .add("GET", "/status", r -> status())
                .add("GET", "/stats", r -> Response.json(200, EngineJson.stats(engine)))
                .add("GET", "/metrics", r -> Response.text(200, PrometheusText.CONTENT_TYPE, PrometheusMetrics.scrape(engine)))
                .add("POST", "/debug/on", r -> {
                    debug.on();
                    return Response.json(200, Json.MAPPER.createObjectNode().put("debug", true).put("level", debug.level()));
                })
                .add("POST", "/debug/off", r -> {
                    debug.off();
                    return Response.json(200, Json.MAPPER.createObjectNode().put("debug", false).put("level", debug.level()));
                });
    }

    private Response ready() {
        EngineState state = engine.state();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("state", EngineJson.state(state));
        OptionalLong lag = engine.lagBytes();
        if (lag.isPresent()) {
            body.put("lag_bytes", lag.getAsLong());
        } else {
            body.putNull("lag_bytes");
        }
        if (state != EngineState.STREAMING) {
            return notReady(body, EngineJson.state(state), notStreaming(state));
        }
        if (lag.isPresent() && lag.getAsLong() > readyMaxLagMb * MIB) {
            return notReady(body, "lagging", "the slot is " + lag.getAsLong() / MIB + " MiB of WAL behind the server, more than "
                    + "ready-max-lag-mb (" + readyMaxLagMb + ")");
        }
        body.put("ready", true);
        return Response.json(200, body);
    }

    private Response notReady(ObjectNode body, String reason, String detail) {
        body.put("ready", false);
        body.put("reason", reason);
        body.put("detail", detail);
        return Response.json(503, body);
    }

    private String notStreaming(EngineState state) {
        return switch (state) {
            case STARTING -> "connecting and checking the server";
            case SNAPSHOTTING -> "reading the initial snapshot";
            case SUSPENDED -> "suspended by sluice.suspend(); sluice resume (or SELECT sluice.resume()) streams again";
            case RETRYING -> "waiting to retry after a fault" + (engine.lastError() == null ? "" : ": " + engine.lastError());
            case STOPPED -> "stopped" + (engine.lastError() == null ? "" : ": " + engine.lastError());
            case STREAMING -> throw new IllegalArgumentException("streaming is ready");
        };
    }

    /** 200 while Sluice works (streaming or snapshotting, the sink reachable), else 503; the body either way. */
    private Response status() {
        EngineState state = engine.state();
        boolean working = (state == EngineState.STREAMING || state == EngineState.SNAPSHOTTING) && engine.sinkReachable();
        JsonNode status;
        try {
            status = control.status();
        } catch (ControlException e) {
            if (e.kind() != ControlException.Kind.UNAVAILABLE) {
                throw e;
            }
            return Response.json(503, EngineJson.status(engine, e.getMessage()));
        }
        return Response.json(working ? 200 : 503, status);
    }
}
