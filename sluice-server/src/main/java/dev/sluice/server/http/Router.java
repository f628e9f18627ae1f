package dev.sluice.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a method and a path to a route. Templates are segments, literal or {@code {name}}; a
 * parameter takes one whole segment, percent-decoded, so a table name holding a dot or a slash
 * travels quoted and encoded ({@code /tables/%22my.schema%22.orders}). An unknown path is a 404,
 * a known path with another method a 405 naming the allowed ones.
 */
final class Router {

    /** One route's work. */
    interface Handler {
        Response handle(Request request);
    }

    private record Route(String method, List<String> template, Handler handler) {
    }

    /** A matched route and its path parameters. */
    record Match(Handler handler, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    /** The route for {@code method} on {@code rawPath} (as sent, still percent-encoded); throws 404 or 405. */
    Match match(String method, String rawPath) {
        List<String> path = decodedSegments(rawPath);
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = bind(route.template, path);
            if (params == null) {
                continue;
            }
            if (route.method.equals(method)) {
                return new Match(route.handler, params);
            }
            allowed.add(route.method);
        }
        if (allowed.isEmpty()) {
            throw new HttpError(404, "no such path: " + rawPath + "; the API has " + paths());
        }
        throw new MethodNotAllowed(method, rawPath, allowed);
    }

    private String paths() {
        Set<String> paths = new java.util.LinkedHashSet<>();
        for (Route route : routes) {
            paths.add("/" + String.join("/", route.template));
        }
        return String.join(", ", paths);
    }

    private static Map<String, String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            String given = path.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (given.isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), given);
            } else if (!part.equals(given)) {
                return null;
            }
        }
        return params;
    }

    private static List<String> segments(String template) {
        List<String> result = new ArrayList<>(List.of(template.substring(1).split("/", -1)));
        if (result.size() == 1 && result.get(0).isEmpty()) {
            result.clear();
        }
        return result;
    }

    /** The path's segments, each percent-decoded ('+' stays a plus: this is a path, not a form); one trailing slash is ignored. */
    static List<String> decodedSegments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> result = new ArrayList<>();
        if (path.isEmpty()) {
            return result;
        }
        for (String segment : path.split("/", -1)) {
            result.add(percentDecode(segment));
        }
        return result;
    }

    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
            int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw HttpError.badRequest("bad percent-encoding in the path segment '" + segment + "'");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("the path segment '" + segment + "' is not UTF-8 once decoded");
        }
    }

    /** A 405, with the methods the path takes for the {@code Allow} header. */
    static final class MethodNotAllowed extends HttpError {

        private static final long serialVersionUID = 1L;

        private final String allow;

        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(405, method + " is not allowed on " + path + "; use " + String.join(" or ", allowed));
            this.allow = String.join(", ", allowed);
        }

        String allow() {
            return allow;
        }
    }
}
