package dev.sluice.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route answers: a status, and a body with its content type (none for 204). */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON_TYPE = "application/json";

    /** {@code value} as JSON (a Jackson node or any value Jackson writes), one line. */
    static Response json(int status, Object value) {
        try {
            byte[] text = Json.MAPPER.writeValueAsBytes(value);
            byte[] body = new byte[text.length + 1];
            System.arraycopy(text, 0, body, 0, text.length);
            body[text.length] = '\n';
            return new Response(status, JSON_TYPE, body, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Response noContent() {
        return new Response(204, null, new byte[0], Map.of());
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This response with one more header. */
    Response withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(more));
    }
}
