package dev.sluice.server.cli;

import dev.sluice.core.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The options every command that talks to a running Sluice's HTTP API takes. */
final class ApiOptions {

    static final String DEFAULT_API = "http://127.0.0.1:7781";
    static final String API_ENV = "SLUICE_API";
    static final String TOKEN_ENV = "SLUICE_HTTP_TOKEN";

    @Option(names = "--api", paramLabel = "<url>",
            description = "The running sluice's HTTP API (its http-address). Default: " + DEFAULT_API + ". Env: " + API_ENV + ".")
    String api;

    @Option(names = "--token", paramLabel = "<token>",
            description = "Its http-token, needed for changes when it has one. Env: " + TOKEN_ENV + " (safer: a flag shows in ps).")
    String token;

    @Option(names = "--json", description = "Print the API's JSON as it came, for scripts.")
    boolean json;

    /** A client for the API named by {@code --api}, else the environment, else the default. */
    ApiClient client(Function<String, String> env) {
        String url = first(api, env.apply(API_ENV), DEFAULT_API);
        return new ApiClient(validated(url), first(token, env.apply(TOKEN_ENV), null));
    }

    private static String validated(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            URI uri = new URI(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException("--api must be an http:// or https:// URL such as " + DEFAULT_API + ", not '" + url + "'");
    }

    private static String first(String a, String b, String otherwise) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : otherwise;
    }
}
