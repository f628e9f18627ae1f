package dev.sluice.server.http;

import java.math.BigDecimal;

/**
 * Writes the Prometheus text exposition format 0.0.4: per family one {@code # HELP} and one
 * {@code # TYPE} line, then its samples, each {@code name{label="value",...} value}. Label values
 * are escaped (backslash, double quote, newline), help texts too (backslash, newline). Names are
 * the caller's constants and are not checked. Not thread-safe: one per scrape.
 */
final class PrometheusText {

    /** The content type of what {@link #text()} returns. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a family: {@code type} is counter, gauge or histogram. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A family of one sample of the same name: the usual counter or gauge. */
    PrometheusText metric(String name, String type, String help, long value, String... labels) {
        return family(name, type, help).sample(name, value, labels);
    }

    /** A sample; {@code labels} are name, value pairs. */
    PrometheusText sample(String name, long value, String... labels) {
        return sample(name, Long.toString(value), labels);
    }

    PrometheusText sample(String name, String value, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
        return this;
    }

    /** A count of milliseconds as seconds, exactly ({@code 2500} → {@code 2.5}). */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    static String escapeLabel(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    String text() {
        return out.toString();
    }
}
