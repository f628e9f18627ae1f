package dev.sluice.bench.report;

import dev.sluice.bench.Contender;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The results as a PNG, drawn with Java2D: one panel per workload, one horizontal bar per
 * contender. Throughput panels scale bars to the panel's fastest contender (or the workload's limit,
 * if faster) and label each with its rate and its ratio to the limit; latency panels show p99 bars (log scale) labelled with p50, p99
 * and max.
 * Colours say who is who: grey the limit, orange Debezium, blue Sluice.
 */
public final class Chart {

    private static final int WIDTH = 1190;
    /** Room for the longest contender name, sluice-discard-debezium-json-schemaless (about 260 px). */
    private static final int LEFT = 290;
    private static final int RIGHT = 330;
    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final int TITLE = 28;
    private static final Color LIMIT = new Color(0x8a8a8a);
    private static final Color DEBEZIUM = new Color(0xe07b29);
    private static final Color SLUICE = new Color(0x1f6fb2);

    private Chart() {
    }

    public static void write(Comparison comparison, String heading, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<Measurement>> panels = new LinkedHashMap<>();
        for (Measurement m : comparison.all()) {
            panels.computeIfAbsent(m.workload(), k -> new ArrayList<>()).add(m);
        }
        int height = 50 + panels.values().stream().mapToInt(p -> TITLE + p.size() * (BAR + GAP) + 16).sum();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(heading, 12, 28);
            int y = 50;
            for (Map.Entry<String, List<Measurement>> panel : panels.entrySet()) {
                y = panel.getKey().startsWith("latency") ? latencyPanel(g, panel.getKey(), panel.getValue(), y)
                        : throughputPanel(g, comparison, panel.getKey(), panel.getValue(), y);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static int throughputPanel(Graphics2D g, Comparison comparison, String workload, List<Measurement> rows, int y) {
        String unit = rows.get(0).unit();
        y = title(g, workload + " — " + unit + "/s (longer is faster)", y);
        // Scaled to the limit too where it was measured in another workload (the incremental snapshot's COPY).
        double max = Math.max(rows.stream().mapToDouble(Measurement::rate).max().orElse(1),
                comparison.limit(workload).map(Measurement::rate).orElse(0.0));
        for (Measurement m : rows) {
            String label = m.done()
                    ? String.format(Locale.ROOT, "%,.0f/s", m.rate()) + comparison.toLimit(m).map(r -> String.format(Locale.ROOT, "  %.2f× limit", r)).orElse("")
                    : m.status().toUpperCase(Locale.ROOT);
            y = bar(g, m.contender(), max <= 0 ? 0 : m.rate() / max, label, y);
        }
        return y + 16;
    }

    private static int latencyPanel(Graphics2D g, String workload, List<Measurement> rows, int y) {
        y = title(g, workload + " changes/s — p99 commit→ack, ms, log scale (shorter is better)", y);
        double max = rows.stream().filter(m -> m.latency() != null).mapToDouble(m -> logMillis(m.latency().p99())).max().orElse(1);
        for (Measurement m : rows) {
            if (m.latency() == null) {
                y = bar(g, m.contender(), 0, m.status().toUpperCase(Locale.ROOT), y);
                continue;
            }
            String label = String.format(Locale.ROOT, "p50 %s  p99 %s  max %s ms", ResultTable.millis(m.latency().p50()),
                    ResultTable.millis(m.latency().p99()), ResultTable.millis(m.latency().max()));
            y = bar(g, m.contender(), max <= 0 ? 0 : logMillis(m.latency().p99()) / max, label, y);
        }
        return y + 16;
    }

    /** Latencies span milliseconds to seconds: bars are log-scaled from 1 ms. */
    private static double logMillis(double ms) {
        return Math.log10(1 + Math.max(0, ms));
    }

    private static int title(Graphics2D g, String text, int y) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(text, 12, y + 16);
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1));
        g.drawLine(12, y + 21, WIDTH - 12, y + 21);
        return y + TITLE;
    }

    private static int bar(Graphics2D g, Contender contender, double fraction, String label, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(contender.id(), 20, y + BAR - 4);
        int length = (int) Math.round(Math.max(0, Math.min(1, fraction)) * (WIDTH - LEFT - RIGHT));
        g.setColor(switch (contender.family()) {
            case LIMIT -> LIMIT;
            case DEBEZIUM -> DEBEZIUM;
            case SLUICE -> SLUICE;
        });
        g.fillRect(LEFT, y, Math.max(length, 1), BAR);
        g.setColor(Color.BLACK);
        g.drawString(label, LEFT + length + 8, y + BAR - 4);
        return y + BAR + GAP;
    }
}
