package dev.sluice.bench.child;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildReportTest {

    @Test
    void aResultLineReadsBackAsWritten() {
        ChildReport report = new ChildReport("done", 1_000_000, 5.25, 1200, 3100, 12000, 48000, 157286400, 8388608, "");
        assertThat(ChildReport.parse(report.format())).isEqualTo(report);
    }

    @Test
    void aFailureKeepsItsWholeMessageSpacesAndEqualsSignsIncluded() {
        ChildReport report = new ChildReport("failed", 12, 0, 0, 0, 0, 0, 1, 1,
                "org.postgresql.util.PSQLException: ERROR: slot \"x\" is active for PID 42, a=b");
        ChildReport parsed = ChildReport.parse(report.format());
        assertThat(parsed.error()).isEqualTo(report.error());
        assertThat(parsed.done()).isFalse();
    }
}
