package dev.sluice.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Shows a Kafka record of Sluice's as one readable line — topic, operation, key, and the row after
 * the change (or before it, for a delete) — so a newcomer sees what a consumer receives without
 * reading raw envelopes. A value that is not Sluice's envelope is shown as it is.
 */
final class DemoEventPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private int printed;

    DemoEventPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Prints one record. */
    void print(String topic, byte[] key, byte[] value) {
        out.printf("%-22s %-9s key=%s  %s%n", topic, operation(value), text(key), row(value));
        out.flush();
        printed++;
    }

    /** Records printed so far. */
    int printed() {
        return printed;
    }

    private static String operation(byte[] value) {
        if (value == null) {
            return "tombstone";
        }
        JsonNode envelope = parse(value);
        String op = envelope == null ? "" : envelope.path("op").asText("");
        return switch (op) {
            case "r" -> "read";
            case "c" -> "create";
            case "u" -> "update";
            case "d" -> "delete";
            case "t" -> "truncate";
            default -> "?";
        };
    }

    private static String row(byte[] value) {
        if (value == null) {
            return "";
        }
        JsonNode envelope = parse(value);
        if (envelope == null || !envelope.has("op")) {
            return "value=" + text(value);
        }
        JsonNode after = envelope.path("after");
        if (!after.isMissingNode() && !after.isNull()) {
            return "after=" + after;
        }
        JsonNode before = envelope.path("before");
        return before.isMissingNode() || before.isNull() ? "" : "before=" + before;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // not JSON: shown as text
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
