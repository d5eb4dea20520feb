package io.netobs.observability;

import java.util.Locale;

/**
 * Which exposition format a scrape gets: Prometheus text 0.0.4 unless the Accept header prefers
 * OpenMetrics 1.0. Prometheus asks for OpenMetrics first and text with a lower q; curl and browsers
 * ask for nothing in particular and get text.
 */
public final class Exposition {
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final String OPENMETRICS_TYPE = "application/openmetrics-text";

    private Exposition() {
    }

    /**
     * The content type to answer {@code accept} with. OpenMetrics when it is offered (version 1.0.0,
     * 0.0.1, which 1.0 writers satisfy, or unversioned) with a q-value above 0 and no lower than any
     * range text would match; ties go to OpenMetrics, the richer of the two.
     */
    public static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return PROMETHEUS_TEXT;
        }
        double openMetrics = 0;
        double text = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            String version = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                String value = kv.length == 2 ? kv[1].trim() : "";
                if (key.equals("q")) {
                    q = quality(value);
                } else if (key.equals("version")) {
                    version = value;
                }
            }
            if (type.equals(OPENMETRICS_TYPE)) {
                if (version == null || version.equals("1.0.0") || version.equals("0.0.1")) {
                    openMetrics = Math.max(openMetrics, q);
                }
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return openMetrics > 0 && openMetrics >= text ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    /** RFC 9110 weight; a malformed one counts as 0 (not acceptable) rather than failing the scrape. */
    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
