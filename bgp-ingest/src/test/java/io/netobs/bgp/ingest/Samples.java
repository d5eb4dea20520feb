package io.netobs.bgp.ingest;

/** Reads one sample's value from an exposition, whatever number format the writer chose ({@code 1.7E9}, {@code 5.0}). */
final class Samples {
    private Samples() {
    }

    /** The value of the sample line that starts with exactly {@code series} (name and labels as exposed). */
    static double value(String exposition, String series) {
        return exposition.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + exposition));
    }
}
