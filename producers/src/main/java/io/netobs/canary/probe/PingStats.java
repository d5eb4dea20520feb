package io.netobs.canary.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One round of pings to one target, from {@code fping -q -C N} output: fping writes one line per
 * target on stderr, "{@code 127.0.0.1 : 0.05 0.04 - 0.06}", one field per packet, "-" when that
 * packet got no reply. Statistics are over the received packets; jitter is the mean absolute
 * difference of consecutive received RTTs (SmokePing and RFC 3550 style, without smoothing).
 */
public record PingStats(List<Double> rttsMs, int sent, int received, double lossPercent,
                        Double minMs, Double avgMs, Double maxMs, Double stddevMs, Double jitterMs) {

    private static final Pattern FIELD = Pattern.compile("-|\\d+(?:\\.\\d+)?");

    /** The round for {@code target} in fping's output, or empty when no per-packet line names it. */
    public static Optional<PingStats> parse(String fpingStderr, String target) {
        for (String line : fpingStderr.split("\\R")) {
            int colon = line.indexOf(" :");
            if (colon <= 0 || !line.substring(0, colon).trim().equals(target)) {
                continue;
            }
            String[] fields = line.substring(colon + 2).trim().split("\\s+");
            List<Double> rtts = new ArrayList<>();
            boolean perPacket = fields.length > 0 && !fields[0].isEmpty();
            for (String f : fields) {
                if (!FIELD.matcher(f).matches()) {
                    perPacket = false; // e.g. "xmt/rcv/%loss = ..." summary line, not -C output
                    break;
                }
                rtts.add(f.equals("-") ? null : Double.parseDouble(f));
            }
            if (perPacket) {
                return Optional.of(of(rtts));
            }
        }
        return Optional.empty();
    }

    /** Statistics of one round; {@code null} entries are lost packets. */
    public static PingStats of(List<Double> rtts) {
        List<Double> got = rtts.stream().filter(r -> r != null).toList();
        int sent = rtts.size();
        double loss = sent == 0 ? 100.0 : Outcome.round(100.0 * (sent - got.size()) / sent);
        if (got.isEmpty()) {
            return new PingStats(Collections.unmodifiableList(new ArrayList<>(rtts)), sent, 0, loss,
                    null, null, null, null, null);
        }
        double sum = 0, min = Double.MAX_VALUE, max = 0;
        for (double r : got) {
            sum += r;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        double avg = sum / got.size();
        double var = 0;
        for (double r : got) {
            var += (r - avg) * (r - avg);
        }
        double jitter = 0;
        for (int i = 1; i < got.size(); i++) {
            jitter += Math.abs(got.get(i) - got.get(i - 1));
        }
        Double jitterMs = got.size() > 1 ? Outcome.round(jitter / (got.size() - 1)) : null;
        return new PingStats(Collections.unmodifiableList(new ArrayList<>(rtts)), sent, got.size(), loss,
                Outcome.round(min), Outcome.round(avg), Outcome.round(max),
                Outcome.round(Math.sqrt(var / got.size())), jitterMs);
    }
}
