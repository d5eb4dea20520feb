package io.netobs.infra.stack;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a parser: it removes what can hold other identifiers (strings,
 * label matchers, ranges, grouping label lists) and keeps the identifiers that are not functions or keywords. The
 * expressions are parsed for real by promtool in {@link ExpressionsParseTest}.
 */
final class PromQlNames {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*\\}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:.]+");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    /** Suffixes of the samples of summaries and histograms (and OpenMetrics' creation timestamps). */
    static final String[] SAMPLE_SUFFIXES = {"_bucket", "_sum", "_count", "_created"};

    private PromQlNames() {
    }

    static Set<String> metricNames(String promql) {
        String s = STRING.matcher(promql).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String token = m.group();
            if (!NAME.matcher(token).matches() || KEYWORDS.contains(token.toLowerCase()) || isCall(s, m.end())) {
                continue;
            }
            names.add(token);
        }
        return names;
    }

    /** True when the identifier ending at {@code end} is a function or aggregation call. */
    private static boolean isCall(String s, int end) {
        int i = end;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '(';
    }

    /** True when {@code used} is exposed: as a sample or family name, or as a summary/histogram sample of a family. */
    static boolean exposed(String used, Set<String> exposedNames) {
        if (exposedNames.contains(used)) {
            return true;
        }
        for (String suffix : SAMPLE_SUFFIXES) {
            if (used.endsWith(suffix) && exposedNames.contains(used.substring(0, used.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }
}
