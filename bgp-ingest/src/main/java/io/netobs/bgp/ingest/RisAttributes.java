package io.netobs.bgp.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Path attributes of a RIS Live UPDATE that are checked (origin, aggregator) or carried (communities). */
final class RisAttributes {
    private RisAttributes() {
    }

    static void checkOrigin(JsonNode origin) throws FrameException {
        if (origin == null || origin.isNull()) {
            return;
        }
        switch (origin.asText().toLowerCase(Locale.ROOT)) {
            case "igp", "egp", "incomplete" -> { }
            default -> throw new FrameException(Reasons.BAD_ORIGIN, "origin '" + origin.asText() + "' is not igp, egp or incomplete");
        }
    }

    /** RIS Live writes the aggregator as "asn:ip"; anything else means the frame is not what we think. */
    static void checkAggregator(JsonNode aggregator) throws FrameException {
        if (aggregator == null || aggregator.isNull()) {
            return;
        }
        String text = aggregator.asText();
        int colon = text.indexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException("no ':'");
            }
            long asn = Long.parseLong(text.substring(0, colon));
            if (asn < 0 || asn > 0xFFFF_FFFFL) {
                throw new NumberFormatException("asn out of range");
            }
            Canon.address(text.substring(colon + 1), Reasons.BAD_AGGREGATOR);
        } catch (NumberFormatException e) {
            throw new FrameException(Reasons.BAD_AGGREGATOR, "aggregator '" + text + "' is not asn:address");
        }
    }

    static List<String> communities(JsonNode node) throws FrameException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new FrameException(Reasons.BAD_COMMUNITY, "'community' is not an array");
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode c : node) {
            if (!c.isArray() || c.size() != 2 || !c.get(0).isIntegralNumber() || !c.get(1).isIntegralNumber()) {
                throw new FrameException(Reasons.BAD_COMMUNITY, "community " + c + " is not [asn, value]");
            }
            out.add(c.get(0).longValue() + ":" + c.get(1).longValue());
        }
        return List.copyOf(out);
    }
}
