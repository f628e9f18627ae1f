package dev.sluice.postgres.control;

import dev.sluice.core.transform.CaptureRule;
import java.util.Collection;
import java.util.Map;

/**
 * Told of control-plane changes the source reads, at start and then in stream order, for the
 * parts of Sluice outside the pipeline (e.g. the sink connectors, whose topics follow the capture
 * list). Called on the source's thread: return quickly.
 */
public interface ControlObserver {

    /** Observes nothing. */
    ControlObserver NONE = new ControlObserver() {
    };

    /** The whole capture list, after it changed (or as read at start). */
    default void captureChanged(Collection<CaptureRule> rules) {
    }

    /** The sink connectors as read at start: name → config (a JSON object). */
    default void connectorsLoaded(Map<String, String> connectors) {
    }

    /** A sink connector was created or changed ({@code configJson} a JSON object), or deleted ({@code configJson} null). */
    default void connectorChanged(String name, String configJson) {
    }
}
