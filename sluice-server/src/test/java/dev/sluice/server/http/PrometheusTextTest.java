package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exposition format's details that a wrong byte would break: escapes and number formats. */
class PrometheusTextTest {

    @Test
    void writesHelpTypeAndSamplesWithEscapedLabelValues() {
        String text = new PrometheusText()
                .family("sluice_events_total", "counter", "Events by table\\operation,\nper line.")
                .sample("sluice_events_total", 3, "table", "public.we\"ird\\na\nme", "operation", "insert")
                .sample("sluice_events_total", 0)
                .text();
        assertThat(text).isEqualTo("""
                # HELP sluice_events_total Events by table\\\\operation,\\nper line.
                # TYPE sluice_events_total counter
                sluice_events_total{table="public.we\\"ird\\\\na\\nme",operation="insert"} 3
                sluice_events_total 0
                """);
    }

    @Test
    void millisecondsBecomeExactSeconds() {
        assertThat(PrometheusText.seconds(1)).isEqualTo("0.001");
        assertThat(PrometheusText.seconds(2_500)).isEqualTo("2.5");
        assertThat(PrometheusText.seconds(60_000)).isEqualTo("60");
        assertThat(PrometheusText.seconds(0)).isEqualTo("0");
        assertThat(PrometheusText.seconds(123_456_789)).isEqualTo("123456.789");
    }
}
