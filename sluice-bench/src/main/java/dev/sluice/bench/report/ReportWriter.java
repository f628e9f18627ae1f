package dev.sluice.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run's page and chart as {@code <date>-<commit>.md/.png} (a second run of the same commit
 * on the same day gets {@code -2}, {@code -3}: results are never overwritten) and makes them the
 * {@code latest.md} and {@code latest.png} that the README shows.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Writes the files; returns the dated markdown file. */
    public static Path write(Report report, String day, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = day + "-" + report.commit();
        String name = base;
        for (int n = 2; Files.exists(dir.resolve(name + ".md")); n++) {
            name = base + "-" + n;
        }
        Path markdown = dir.resolve(name + ".md");
        Path chart = dir.resolve(name + ".png");
        String heading = "Sluice benchmark " + report.date() + ", commit " + report.commit();
        Chart.write(new Comparison(report.measurements()), heading, chart);
        Files.writeString(markdown, report.markdown(chart.getFileName().toString()), StandardCharsets.UTF_8);
        Files.copy(chart, dir.resolve("latest.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("latest.md"), report.markdown("latest.png"), StandardCharsets.UTF_8);
        return markdown;
    }
}
