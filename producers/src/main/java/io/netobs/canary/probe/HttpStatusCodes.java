package io.netobs.canary.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Inclusive ranges of status codes, e.g. "200-299", "404", "2xx"; default 200-399 (the seed's response.ok). */
record HttpStatusCodes(List<int[]> ranges) {
    static HttpStatusCodes parse(List<String> specs) {
        if (specs.isEmpty()) {
            return new HttpStatusCodes(List.of(new int[] {200, 399}));
        }
        List<int[]> out = new ArrayList<>();
        for (String s : specs) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.matches("[1-5]xx")) {
                    int base = (t.charAt(0) - '0') * 100;
                    out.add(new int[] {base, base + 99});
                } else if (t.contains("-")) {
                    String[] p = t.split("-", 2);
                    out.add(new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())});
                } else {
                    int c = Integer.parseInt(t);
                    out.add(new int[] {c, c});
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a status code, range or class (200, 200-299, 2xx): '" + s + "'");
            }
            int[] last = out.get(out.size() - 1);
            if (last[0] < 100 || last[1] > 599 || last[0] > last[1]) {
                throw new IllegalArgumentException("status codes must be within 100-599: '" + s + "'");
            }
        }
        return new HttpStatusCodes(List.copyOf(out));
    }

    boolean contains(int code) {
        return ranges.stream().anyMatch(r -> code >= r[0] && code <= r[1]);
    }
}
