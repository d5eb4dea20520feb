package io.netobs.streams.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One parsed Prometheus text exposition: every sample with its labels. Tests ask questions of it
 * (sum of a family, the samples whose labels match) instead of matching raw lines, so a label that
 * contains a comma or a quote cannot be miscounted.
 */
final class Scrape {
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            out.add(sample(line));
        }
        return new Scrape(out);
    }

    /** The samples of several scrapes together (instances that serve disjoint partitions). */
    static Scrape concat(Scrape... scrapes) {
        List<Sample> all = new ArrayList<>();
        for (Scrape s : scrapes) {
            all.addAll(s.samples);
        }
        return new Scrape(all);
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name.equals(name)).toList();
    }

    double sum(String name) {
        return sum(name, s -> true);
    }

    double sum(String name, Predicate<Sample> which) {
        return samples.stream().filter(s -> s.name.equals(name) && which.test(s)).mapToDouble(Sample::value).sum();
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), value(line.substring(space + 1)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j++);
                if (c == '\\') {
                    char e = line.charAt(j++);
                    v.append(e == 'n' ? '\n' : e);
                } else {
                    v.append(c);
                }
            }
            labels.put(key, v.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return new Sample(line.substring(0, brace), labels, value(line.substring(i + 2)));
    }

    /** The value, without the optional timestamp that may follow it. */
    private static double value(String rest) {
        int sp = rest.indexOf(' ');
        String v = sp < 0 ? rest : rest.substring(0, sp);
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }
}
