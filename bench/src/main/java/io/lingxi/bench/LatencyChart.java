package io.lingxi.bench;

import java.util.List;
import java.util.Locale;

/**
 * A plain SVG chart of latency over time: per second of the run, p50 and p99 of the messages sent in that second
 * (log scale, ms), the messages answered that second as grey bars, and the phases as bands.
 */
public final class LatencyChart {

    /** One second of the run. {@code p50}, {@code p99} in ms; negative when nothing was answered. */
    public record Point(double second, String phase, double p50, double p99, int answered) {
    }

    /** A phase's span on the time axis (seconds since the run's start). */
    public record Band(String name, double from, double to) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 100;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    public static String svg(String title, List<Point> points, List<Band> bands) {
        double maxSecond = 1;
        double maxMs = 10;
        double minMs = 1;
        int maxAnswered = 1;
        for (Point p : points) {
            maxSecond = Math.max(maxSecond, p.second() + 1);
            if (p.p99() > 0) {
                maxMs = Math.max(maxMs, p.p99());
            }
            maxAnswered = Math.max(maxAnswered, p.answered());
        }
        for (Band b : bands) {
            maxSecond = Math.max(maxSecond, b.to());
        }
        double logMin = Math.log10(minMs);
        double logMax = Math.ceil(Math.log10(maxMs));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double finalMaxSecond = maxSecond;
        java.util.function.DoubleUnaryOperator x = s -> LEFT + s / finalMaxSecond * plotW;
        java.util.function.DoubleUnaryOperator y = ms -> TOP + plotH
                - (Math.log10(Math.max(minMs, ms)) - logMin) / (logMax - logMin) * plotH;
        int finalMaxAnswered = maxAnswered;
        java.util.function.DoubleUnaryOperator yRate = n -> TOP + plotH - n / finalMaxAnswered * plotH;

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT,
                escape(title)));
        String[] shades = {"#f4f6fb", "#fbf6ef", "#f1f8f2", "#f8f1f7"};
        int shade = 0;
        for (Band b : bands) {
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" "
                            + "fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" fill=\"#555\">%s</text>%n",
                    x.applyAsDouble(b.from()), TOP, x.applyAsDouble(b.to()) - x.applyAsDouble(b.from()), plotH,
                    shades[shade++ % shades.length], x.applyAsDouble(b.from()) + 4, TOP + 14, escape(b.name())));
        }
        for (Point p : points) {
            if (p.answered() > 0) {
                double top = yRate.applyAsDouble(p.answered());
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                                + "fill=\"#e3e3e3\"/>%n", x.applyAsDouble(p.second()), top,
                        Math.max(1, plotW / finalMaxSecond - 0.5), TOP + plotH - top));
            }
        }
        for (double decade = logMin; decade <= logMax; decade++) {
            double ms = Math.pow(10, decade);
            double yy = y.applyAsDouble(ms);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT, yy, LEFT + plotW, yy,
                    LEFT - 6, yy + 4, ms >= 1000 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT,
                            "%.0f", ms)));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"start\" fill=\"#777\">"
                + "%d replies/s</text>%n", LEFT + plotW + 4, TOP + 10, maxAnswered));
        double step = niceStep(maxSecond);
        for (double s = 0; s <= maxSecond; s += step) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f s</text>%n",
                    x.applyAsDouble(s), TOP + plotH + 18, s));
        }
        out.append(polyline(points, x, y, true, "#1f77b4"));
        out.append(polyline(points, x, y, false, "#d62728"));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", LEFT, (double) TOP, plotW, plotH));
        double legendY = HEIGHT - 12;
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#1f77b4\" "
                        + "stroke-width=\"2\"/><text x=\"%d\" y=\"%.1f\">p50</text>%n", LEFT, legendY - 4, LEFT + 24,
                legendY - 4, LEFT + 30, legendY));
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" "
                        + "stroke-width=\"2\"/><text x=\"%d\" y=\"%.1f\">p99</text>%n", LEFT + 70, legendY - 4,
                LEFT + 94, legendY - 4, LEFT + 100, legendY));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"16\" height=\"10\" fill=\"#e3e3e3\"/>"
                + "<text x=\"%d\" y=\"%.1f\">replies per second (right scale)</text>%n", LEFT + 140, legendY - 9,
                LEFT + 162, legendY));
        out.append("</svg>\n");
        return out.toString();
    }

    private static String polyline(List<Point> points, java.util.function.DoubleUnaryOperator x,
            java.util.function.DoubleUnaryOperator y, boolean p50, String color) {
        StringBuilder out = new StringBuilder();
        StringBuilder segment = new StringBuilder();
        for (Point p : points) {
            double v = p50 ? p.p50() : p.p99();
            if (v < 0) {
                flush(out, segment, color);
                continue;
            }
            segment.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(p.second() + 0.5),
                    y.applyAsDouble(v)));
        }
        flush(out, segment, color);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder segment, String color) {
        if (segment.length() > 0) {
            out.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(segment.toString().trim()).append("\"/>\n");
            segment.setLength(0);
        }
    }

    static double niceStep(double span) {
        double[] steps = {5, 10, 15, 30, 60, 120, 300};
        for (double step : steps) {
            if (span / step <= 12) {
                return step;
            }
        }
        return 600;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
