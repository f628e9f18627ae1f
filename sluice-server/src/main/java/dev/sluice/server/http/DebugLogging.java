package dev.sluice.server.http;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the {@code dev.sluice} loggers to DEBUG and back while Sluice runs ({@code POST
 * /debug/on|off}), to look at a live problem without a restart. Sluice logs through slf4j bound
 * to log4j 2, whose levels can be changed at runtime; other libraries (Kafka, the driver) keep
 * their levels, so turning debug on does not flood the log with theirs. Thread-safe.
 */
final class DebugLogging {

    static final String LOGGERS = "dev.sluice";
    private static final Logger LOG = LoggerFactory.getLogger(DebugLogging.class);

    /** The level to return to: the configured one, unless that already was DEBUG or finer. */
    private final Level normal;

    DebugLogging() {
        Level configured = LogManager.getLogger(LOGGERS).getLevel();
        this.normal = configured.isMoreSpecificThan(Level.INFO) ? configured : Level.INFO;
    }

    synchronized void on() {
        Configurator.setLevel(LOGGERS, Level.DEBUG);
        LOG.info("debug logging on for the {} loggers (POST /debug/off turns it off)", LOGGERS);
    }

    synchronized void off() {
        LOG.info("debug logging off for the {} loggers: back to {}", LOGGERS, normal);
        Configurator.setLevel(LOGGERS, normal);
    }

    /** The {@code dev.sluice} loggers' level now, e.g. DEBUG. */
    String level() {
        return LogManager.getLogger(LOGGERS).getLevel().name();
    }
}
