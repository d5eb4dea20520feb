package io.netobs.infra.stack;

import java.util.Set;
import java.util.TreeSet;

/** The metric names in a Prometheus text (0.0.4) or OpenMetrics exposition: family names and sample names. */
final class ExpositionNames {
    private ExpositionNames() {
    }

    static Set<String> of(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            String s = line.strip();
            if (s.startsWith("# TYPE ") || s.startsWith("# HELP ")) {
                String rest = s.substring(7);
                int space = rest.indexOf(' ');
                names.add(space < 0 ? rest : rest.substring(0, space));
            } else if (!s.isEmpty() && !s.startsWith("#")) {
                int end = 0;
                while (end < s.length() && s.charAt(end) != '{' && s.charAt(end) != ' ') {
                    end++;
                }
                names.add(s.substring(0, end));
            }
        }
        return names;
    }
}
