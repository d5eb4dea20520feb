package io.netobs.bgp.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.BgpUpdate.Kind;
import io.netobs.schema.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one RIS Live frame into {@link BgpUpdate}s: one per (prefix, peer, event). Shapes follow the
 * RIS Live manual and the recorded frames of 2019-2025 in the fixtures (string {@code peer_asn},
 * {@code host} with or without {@code .ripe.net}, AS_SET as a nested array, withdrawals with or
 * without an empty {@code path}). Thread-safe: it holds no per-frame state.
 */
public final class RisLiveParser {
    private final String source;

    /** @param source the value of {@code BgpUpdate.source}: {@code ris-live} or {@code ris-live-replay} */
    public RisLiveParser(String source) {
        this.source = source;
    }

    public ParseResult parse(String frame) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(frame);
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected(Reasons.NOT_JSON, e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Rejected(Reasons.NOT_JSON, "frame is not a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return new ParseResult.Rejected(Reasons.MISSING_MESSAGE_TYPE, "frame has no string 'type'");
        }
        try {
            switch (type.textValue()) {
                case "ris_message":
                    return message(root.get("data"));
                case "ris_error":
                    JsonNode d = root.get("data");
                    JsonNode m = d == null ? null : d.get("message");
                    return new ParseResult.RisError(m == null ? String.valueOf(d) : m.asText());
                case "ris_subscribe_ok":
                case "pong":
                case "ris_rrc_list":
                    return new ParseResult.Ignored(type.textValue());
                default:
                    return new ParseResult.Rejected(Reasons.UNKNOWN_MESSAGE_TYPE, "unknown message type '" + type.textValue() + "'");
            }
        } catch (FrameException e) {
            return e.toResult();
        }
    }

    private ParseResult message(JsonNode data) throws FrameException {
        if (data == null || !data.isObject()) {
            throw new FrameException(Reasons.MISSING_DATA, "ris_message without a 'data' object");
        }
        JsonNode host = data.get("host");
        if (host == null || !host.isTextual() || host.textValue().isBlank()) {
            throw new FrameException(Reasons.BAD_COLLECTOR, "missing 'host'");
        }
        String collector = Canon.collector(host.textValue());
        JsonNode ts = data.get("timestamp");
        if (ts == null || !ts.isNumber() || ts.doubleValue() < 0) {
            throw new FrameException(Reasons.BAD_TIMESTAMP, "missing or negative 'timestamp'");
        }
        long timeMs = Math.round(ts.doubleValue() * 1000.0);
        JsonNode dataType = data.get("type");
        if (dataType == null) {
            // Seen in real streams (fixture bgpkit line 3): a header without a message; nothing to route.
            return new ParseResult.Ignored("no_data_type", collector, timeMs);
        }
        String kind = dataType.asText();
        switch (kind) {
            case "UPDATE":
                return update(data, collector, timeMs);
            case "RIS_PEER_STATE":
                return peerState(data, collector, timeMs);
            case "OPEN":
            case "NOTIFICATION":
            case "KEEPALIVE":
                return new ParseResult.Ignored(kind.toLowerCase(Locale.ROOT), collector, timeMs);
            default:
                throw new FrameException(Reasons.UNSUPPORTED_DATA_TYPE, "unsupported data.type '" + kind + "'");
        }
    }

    private ParseResult peerState(JsonNode data, String collector, long timeMs) throws FrameException {
        String state = data.path("state").asText("");
        if (!"down".equals(state)) {
            return new ParseResult.Ignored("peer_state_" + (state.isEmpty() ? "unknown" : "other"), collector, timeMs);
        }
        Peer peer = peer(data);
        BgpUpdate down = new BgpUpdate(BgpUpdate.SCHEMA_VERSION, timeMs, collector, project(collector), peer.ip, peer.asn,
                Kind.PEER_DOWN, null, null, null, null, null, null, source);
        return new ParseResult.Updates(List.of(down), collector, timeMs);
    }

    private ParseResult update(JsonNode data, String collector, long timeMs) throws FrameException {
        Peer peer = peer(data);
        String project = project(collector);
        RisAttributes.checkOrigin(data.get("origin"));
        RisAttributes.checkAggregator(data.get("aggregator"));
        AsPaths.Path path = AsPaths.fromRisLive(data.get("path"));
        List<String> communities = RisAttributes.communities(data.get("community"));

        Map<String, String> announced = new LinkedHashMap<>();
        JsonNode anns = data.get("announcements");
        if (anns != null && !anns.isNull()) {
            if (!anns.isArray()) {
                throw new FrameException(Reasons.BAD_ANNOUNCEMENT, "'announcements' is not an array");
            }
            for (JsonNode a : anns) {
                JsonNode nh = a.get("next_hop");
                String nextHop = nh == null || nh.isNull() ? null : Canon.address(nh.asText(), Reasons.BAD_NEXT_HOP);
                JsonNode prefixes = a.get("prefixes");
                if (prefixes == null || !prefixes.isArray()) {
                    throw new FrameException(Reasons.BAD_ANNOUNCEMENT, "announcement without a 'prefixes' array");
                }
                for (JsonNode p : prefixes) {
                    String prefix = Canon.prefix(p.asText());
                    String seen = announced.get(prefix);
                    // The same prefix under a global and a link-local next hop is one event; keep the global one.
                    if (!announced.containsKey(prefix) || seen != null && isLinkLocal(seen) && nextHop != null && !isLinkLocal(nextHop)) {
                        announced.put(prefix, nextHop);
                    }
                }
            }
        }
        List<BgpUpdate> out = new ArrayList<>(announced.size() + 1);
        if (!announced.isEmpty()) {
            if (path.origins().isEmpty()) {
                throw new FrameException(Reasons.MISSING_ORIGIN_AS, "announcement with an empty AS path");
            }
            for (Map.Entry<String, String> e : announced.entrySet()) {
                out.add(new BgpUpdate(BgpUpdate.SCHEMA_VERSION, timeMs, collector, project, peer.ip, peer.asn, Kind.ANNOUNCE,
                        e.getKey(), path.sequence(), path.set(), path.origins(), e.getValue(), communities, source));
            }
        }
        JsonNode wds = data.get("withdrawals");
        if (wds != null && !wds.isNull()) {
            if (!wds.isArray()) {
                throw new FrameException(Reasons.BAD_ANNOUNCEMENT, "'withdrawals' is not an array");
            }
            List<String> seen = new ArrayList<>(wds.size());
            for (JsonNode w : wds) {
                String prefix = Canon.prefix(w.asText());
                if (!seen.contains(prefix)) {
                    seen.add(prefix);
                    out.add(new BgpUpdate(BgpUpdate.SCHEMA_VERSION, timeMs, collector, project, peer.ip, peer.asn, Kind.WITHDRAW,
                            prefix, null, null, List.of(), null, null, source));
                }
            }
        }
        return new ParseResult.Updates(out, collector, timeMs);
    }

    private static boolean isLinkLocal(String address) {
        return address.startsWith("fe8") || address.startsWith("fe9") || address.startsWith("fea") || address.startsWith("feb");
    }

    private static String project(String collector) throws FrameException {
        String p = Canon.project(collector);
        if (p == null) {
            throw new FrameException(Reasons.BAD_COLLECTOR, "collector '" + collector + "' is neither RIS (rrc*) nor RouteViews");
        }
        return p;
    }

    private record Peer(String ip, long asn) {
    }

    private static Peer peer(JsonNode data) throws FrameException {
        JsonNode ip = data.get("peer");
        if (ip == null || !ip.isTextual()) {
            throw new FrameException(Reasons.BAD_PEER, "missing 'peer'");
        }
        String peerIp = Canon.address(ip.textValue(), Reasons.BAD_PEER);
        JsonNode asn = data.get("peer_asn");
        long peerAsn;
        if (asn != null && asn.isIntegralNumber()) {
            peerAsn = asn.longValue();
        } else if (asn != null && asn.isTextual()) {
            try {
                peerAsn = Long.parseLong(asn.textValue());
            } catch (NumberFormatException e) {
                throw new FrameException(Reasons.BAD_PEER_ASN, "peer_asn '" + asn.textValue() + "' is not a number");
            }
        } else {
            throw new FrameException(Reasons.BAD_PEER_ASN, "missing 'peer_asn'");
        }
        if (peerAsn < 0 || peerAsn > 0xFFFF_FFFFL) {
            throw new FrameException(Reasons.BAD_PEER_ASN, "peer_asn " + peerAsn + " out of range");
        }
        return new Peer(peerIp, peerAsn);
    }
}
