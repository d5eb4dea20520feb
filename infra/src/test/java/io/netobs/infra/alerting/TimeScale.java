package io.netobs.infra.alerting;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Divides Prometheus durations by a factor, so that N wall seconds of a test stand for N x factor seconds of a real
 * deployment: {@code for:}, rule-group intervals, scrape and evaluation intervals, range selectors and subqueries.
 * Numbers compared with clocks inside expressions (`> 300` seconds since the last result, `< 14 * 86400` before a
 * certificate expires) are not durations of the rule machinery and stay as they are.
 */
final class TimeScale {
    private static final String DURATION = "(?:[0-9]+(?:ms|[smhdwy]))+";
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|[smhdwy])");
    /** {@code [5m]} or a subquery {@code [1h:5m]} / {@code [1h:]}; brackets holding anything else are left alone. */
    private static final Pattern RANGE = Pattern.compile("\\[(" + DURATION + ")(?::(" + DURATION + ")?)?]");

    private final int factor;

    TimeScale(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("time scale factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    int factor() {
        return factor;
    }

    /** "5m" -> "30s" for factor 10; a result under a second is written in ms. */
    String duration(String d) {
        return format(millis(d) / factor);
    }

    /** Every range selector and subquery range of a PromQL expression, scaled. */
    String expression(String promql) {
        Matcher m = RANGE.matcher(promql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String step = m.group(2) == null ? "" : duration(m.group(2));
            String replacement = "[" + duration(m.group(1)) + (m.group(0).contains(":") ? ":" + step : "") + "]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static long millis(String d) {
        if (!d.matches(DURATION)) {
            throw new IllegalArgumentException("not a Prometheus duration: '" + d + "'");
        }
        long total = 0;
        Matcher m = PART.matcher(d);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                case "d" -> n * 86_400_000;
                case "w" -> n * 7 * 86_400_000L;
                default -> n * 365 * 86_400_000L;
            };
        }
        return total;
    }

    static String format(long ms) {
        if (ms < 1) {
            throw new IllegalArgumentException("duration scaled below 1 ms");
        }
        return ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
    }
}
