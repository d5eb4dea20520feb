package io.netobs.canary.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.CanaryResult.Hop;
import io.netobs.schema.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for Debian's {@code traceroute -n} text and {@code mtr --json} output. */
public final class TracerouteOutput {
    private static final Pattern HOP = Pattern.compile("^\\s*(\\d+)\\s+(.*)$");
    private static final Pattern HEADER = Pattern.compile("^traceroute(?:6)? to \\S+ \\(([^)]+)\\)");

    private TracerouteOutput() {
    }

    /** The parsed path and the destination address the tool resolved. */
    public record Path(String destination, List<Hop> hops) {
        public boolean reached() {
            return !hops.isEmpty() && destination != null && destination.equals(hops.get(hops.size() - 1).address());
        }
    }

    /**
     * "{@code  3  10.0.0.1  1.234 ms  *  10.0.0.2  1.5 ms !H}": per probe an RTT or '*' (lost); the hop's
     * address is the first one that answered. Annotations (!H, !N, ...) are ignored.
     */
    public static Path parseTraceroute(String out) {
        String dest = null;
        List<Hop> hops = new ArrayList<>();
        for (String line : out.split("\\R")) {
            Matcher h = HEADER.matcher(line);
            if (h.find()) {
                dest = h.group(1);
                continue;
            }
            Matcher m = HOP.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String address = null;
            List<Double> rtts = new ArrayList<>();
            String[] tok = m.group(2).trim().split("\\s+");
            for (int i = 0; i < tok.length; i++) {
                String t = tok[i];
                if (t.equals("*")) {
                    rtts.add(null);
                } else if (i + 1 < tok.length && tok[i + 1].equals("ms") && t.matches("\\d+(?:\\.\\d+)?")) {
                    rtts.add(Double.parseDouble(t));
                    i++;
                } else if (!t.startsWith("!") && address == null) {
                    address = t;
                }
            }
            hops.add(hop(Integer.parseInt(m.group(1)), address, rtts));
        }
        return new Path(dest, hops);
    }

    /** mtr's JSON has per hop only best/avg/worst, not each packet: {@code rtts_ms} = [best, avg, worst]. */
    public static Path parseMtrJson(String json, String destination) throws IOException {
        JsonNode report = Json.MAPPER.readTree(json).path("report");
        String dest = report.path("mtr").path("dst").asText(destination);
        List<Hop> hops = new ArrayList<>();
        for (JsonNode hub : report.path("hubs")) {
            String host = hub.path("host").asText("???");
            double loss = hub.path("Loss%").asDouble(100.0);
            List<Double> rtts = loss >= 100.0 ? List.of()
                    : List.of(hub.path("Best").asDouble(), hub.path("Avg").asDouble(), hub.path("Wrst").asDouble());
            hops.add(new Hop(hub.path("count").asInt(hops.size() + 1), host.equals("???") ? null : host, rtts,
                    Outcome.round(loss)));
        }
        return new Path(dest, hops);
    }

    private static Hop hop(int ttl, String address, List<Double> rtts) {
        long lost = rtts.stream().filter(r -> r == null).count();
        Double loss = rtts.isEmpty() ? null : Outcome.round(100.0 * lost / rtts.size());
        return new Hop(ttl, address, java.util.Collections.unmodifiableList(rtts), loss);
    }
}
