package io.netobs.schema.bgp;

import io.netobs.schema.bgp.MonitoredPrefixes.Options;
import io.netobs.schema.bgp.MonitoredPrefixes.Prefix;
import io.netobs.schema.bgp.MonitoredPrefixesYaml.MapNode;
import io.netobs.schema.bgp.MonitoredPrefixesYaml.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the located YAML tree into validated {@link Prefix}es and {@link Options}; first error wins. */
final class MonitoredPrefixesParser {
    static final String OPTIONS_KEY = "options";
    private static final Set<String> PREFIX_KEYS =
            Set.of("description", "asn", "announce", "ignoreMorespecifics", "ignore", "group", "upstreams");
    private static final Set<String> OPTION_KEYS = Set.of("ignoredPeers", "minPeers", "visibility", "maxMoreSpecifics");
    private static final Set<String> VISIBILITY_KEYS = Set.of("minPeers", "minFraction");

    private final String source;
    private final AsnValues asnValues;
    private final List<Prefix> prefixes = new ArrayList<>();
    private Options options = Options.DEFAULTS;

    MonitoredPrefixesParser(String source, AsSets sets) {
        this.source = source;
        this.asnValues = new AsnValues(source, sets);
    }

    List<Prefix> prefixes() {
        return prefixes;
    }

    Options options() {
        return options;
    }

    void parse(String yaml) {
        Node root = new MonitoredPrefixesYaml(source).read(yaml);
        if (root.value() == null) {
            throw error(1, "the file is empty: expected a mapping of prefix -> settings");
        }
        if (!root.isMap()) {
            throw error(root.line(), "expected a mapping of prefix -> settings at the top level");
        }
        MapNode top = root.map();
        Map<Cidr, Integer> seen = new HashMap<>();
        for (Map.Entry<String, Node> e : top.entries().entrySet()) {
            int keyLine = top.keyLines().get(e.getKey());
            if (OPTIONS_KEY.equals(e.getKey())) {
                options = options(e.getValue());
                continue;
            }
            PrefixKey key;
            try {
                key = PrefixKey.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw error(keyLine, ex.getMessage());
            }
            Integer first = seen.putIfAbsent(key.prefix(), keyLine);
            if (first != null) {
                throw error(keyLine, "prefix " + key.prefix() + " is configured twice (first on line " + first + ")");
            }
            prefixes.add(prefix(key, e.getValue(), keyLine));
        }
        if (prefixes.isEmpty()) {
            throw error(root.line(), "no prefixes configured");
        }
    }

    private Prefix prefix(PrefixKey key, Node node, int keyLine) {
        Cidr cidr = key.prefix();
        MapNode m = mapping(node, "settings of " + key.prefix() + key.operator(), PREFIX_KEYS);
        Map<String, Node> f = m.entries();
        boolean ignore = bool(f.get("ignore"), "ignore", false);
        boolean ignoreMore = bool(f.get("ignoreMorespecifics"), "ignoreMorespecifics", false);
        AsnValues.Origins origins = origins(cidr, f, ignore, keyLine);
        Set<Long> upstreams = asnValues.upstreams(f.get("upstreams"));
        boolean squatting = !ignore && !origins.any() && origins.asns().isEmpty();
        if (squatting && !upstreams.isEmpty()) {
            throw error(f.get("upstreams").line(), "no AS may announce " + cidr + ", so no upstream is allowed"
                    + " either: remove upstreams");
        }
        if (!key.operator().isEmpty()) {
            String why = ignore ? "ignore: true drops the prefix and its more-specifics"
                    : squatting ? "no announcement under it is expected (no AS may announce it)"
                    : ignoreMore && key.maxLength() > cidr.length()
                            ? "ignoreMorespecifics: true leaves the more-specifics it expects unmonitored" : null;
            if (why != null) {
                throw error(keyLine, "the operator " + key.operator() + " on " + cidr + " means nothing: " + why);
            }
        }
        return new Prefix(cidr, key.operator(), key.minLength(), key.maxLength(),
                string(f.get("description"), "description", ""),
                origins.asns(), origins.any(), ignoreMore, ignore,
                string(f.get("group"), "group", "default"),
                upstreams);
    }

    /**
     * {@code asn} and {@code announce}: {@code announce: false} (or its alias {@code asn: 0}) says no AS may
     * announce the prefix; otherwise {@code asn} is required unless the entry is {@code ignore: true}.
     */
    private AsnValues.Origins origins(Cidr cidr, Map<String, Node> f, boolean ignore, int keyLine) {
        Node asn = f.get("asn");
        Node announceNode = f.get("announce");
        boolean announce = bool(announceNode, "announce", true);
        AsnValues.Origins origins = asn == null ? null : asnValues.origins(asn, cidr.toString());
        if (!announce) {
            if (origins != null && (origins.any() || !origins.asns().isEmpty())) {
                throw error(announceNode.line(), "announce: false says no AS may announce " + cidr
                        + ", but asn lists origins: remove one of them");
            }
            return AsnValues.Origins.NONE;
        }
        if (origins == null) {
            if (ignore) {
                return AsnValues.Origins.NONE;
            }
            throw error(keyLine, "prefix " + cidr + " has no expected origin 'asn' (an AS number, a list, an AS-SET"
                    + " name, \"*\" for any origin, or announce: false when no AS may announce it)");
        }
        if (announceNode != null && announceNode.value() != null && !origins.any() && origins.asns().isEmpty()) {
            throw error(announceNode.line(), "announce: true contradicts asn: 0 (AS0: no AS may announce " + cidr + ")");
        }
        return origins;
    }

    private Options options(Node node) {
        MapNode m = mapping(node, "options", OPTION_KEYS);
        Set<String> ips = new LinkedHashSet<>();
        Set<Long> asns = new LinkedHashSet<>();
        Node peers = m.entries().get("ignoredPeers");
        if (peers != null && peers.value() != null) {
            for (Node p : list(peers, "ignoredPeers")) {
                String text = p.value() == null ? "" : p.value().toString().trim();
                if (text.contains(".") || text.contains(":")) {
                    try {
                        ips.add(Cidr.format(Cidr.parseAddress(text)));
                    } catch (IllegalArgumentException ex) {
                        throw error(p.line(), "ignoredPeers entry '" + text + "' is neither an IP address nor an ASN");
                    }
                } else {
                    asns.add(asnValues.asn(p, "ignoredPeers"));
                }
            }
        }
        int minPeers = integer(m.entries().get("minPeers"), "minPeers", Options.DEFAULT_MIN_PEERS, 1);
        int visPeers = 0;
        double visFraction = Options.DEFAULT_VISIBILITY_MIN_FRACTION;
        Node vis = m.entries().get("visibility");
        if (vis != null && vis.value() != null) {
            MapNode v = mapping(vis, "options.visibility", VISIBILITY_KEYS);
            visPeers = integer(v.entries().get("minPeers"), "visibility.minPeers", 0, 0);
            Node fr = v.entries().get("minFraction");
            if (fr != null) {
                if (!(fr.value() instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                    throw error(fr.line(), "visibility.minFraction must be a number from 0 to 1, was '" + fr.value() + "'");
                }
                visFraction = n.doubleValue();
            }
        }
        int maxMoreSpecifics = integer(m.entries().get("maxMoreSpecifics"), "maxMoreSpecifics",
                Options.DEFAULT_MAX_MORE_SPECIFICS, 0);
        return new Options(ips, asns, minPeers, visPeers, visFraction, maxMoreSpecifics);
    }

    private MapNode mapping(Node node, String what, Set<String> allowed) {
        if (node == null || !node.isMap()) {
            throw error(node == null ? 0 : node.line(), what + " must be a mapping of keys to values");
        }
        MapNode m = node.map();
        for (String key : m.keyLines().keySet()) {
            if (!allowed.contains(key)) {
                throw error(m.keyLines().get(key), "unknown key '" + key + "' in " + what
                        + " (known keys: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return m;
    }

    private List<Node> list(Node node, String field) {
        if (node.isList()) {
            return node.list();
        }
        if (node.isMap()) {
            throw error(node.line(), field + " must be a value or a list, not a mapping");
        }
        return List.of(node);
    }

    private boolean bool(Node n, String field, boolean dflt) {
        if (n == null || n.value() == null) {
            return dflt;
        }
        if (!(n.value() instanceof Boolean b)) {
            throw error(n.line(), field + " must be true or false, was '" + n.value() + "'");
        }
        return b;
    }

    private String string(Node n, String field, String dflt) {
        if (n == null || n.value() == null) {
            return dflt;
        }
        if (n.isMap() || n.isList()) {
            throw error(n.line(), field + " must be a single text value");
        }
        return n.value().toString();
    }

    private int integer(Node n, String field, int dflt, int min) {
        if (n == null || n.value() == null) {
            return dflt;
        }
        if (!(n.value() instanceof Integer i) || i < min) {
            throw error(n.line(), field + " must be a whole number >= " + min + ", was '" + n.value() + "'");
        }
        return i;
    }

    private MonitoredPrefixesException error(int line, String reason) {
        return new MonitoredPrefixesException(source, line, reason);
    }
}
