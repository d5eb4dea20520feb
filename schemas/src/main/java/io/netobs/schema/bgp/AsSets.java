package io.netobs.schema.bgp;

import io.netobs.schema.bgp.MonitoredPrefixesYaml.MapNode;
import io.netobs.schema.bgp.MonitoredPrefixesYaml.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Named AS-SETs from a local file ({@code as-sets.yml}: set name -> members), so {@code prefixes.yml}
 * can say {@code asn: AS-EXAMPLE} instead of repeating a list. Members are AS numbers (64500, "AS64500")
 * or other set names; names follow RPSL (RFC 2622: {@code AS-FOO}, hierarchical {@code AS64500:AS-FOO})
 * and, as there, are case-insensitive. The whole file is resolved when loaded: a member naming a set
 * the file does not define, or a set that includes itself through other sets, fails with the line.
 *
 * <p>Nothing is fetched from an IRR: the file is the operator's own statement of which ASes belong
 * together, so a routing database outage or a stranger's edit of a public set cannot change what is
 * an expected origin.
 */
public final class AsSets {
    /** No file: any set name is unknown. */
    public static final AsSets NONE = new AsSets(null, Map.of());
    private static final Pattern COMPONENT = Pattern.compile("AS[0-9]+|AS-[A-Z0-9_-]+");

    private final String source;
    /** Upper-case name -> every AS it contains, sets expanded. */
    private final Map<String, Set<Long>> resolved;

    private AsSets(String source, Map<String, Set<Long>> resolved) {
        this.source = source;
        this.resolved = resolved;
    }

    public static AsSets load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MonitoredPrefixesException(file.toString(), 0, "cannot read the AS-SET file: " + e);
        }
        return parse(text, file.toString());
    }

    /** @param sourceName the file name used in error messages */
    public static AsSets parse(String yaml, String sourceName) {
        Node root = new MonitoredPrefixesYaml(sourceName).read(yaml);
        if (root.value() == null) {
            return new AsSets(sourceName, Map.of());
        }
        if (!root.isMap()) {
            throw new MonitoredPrefixesException(sourceName, root.line(),
                    "expected a mapping of AS-SET name -> members at the top level");
        }
        return new Resolver(sourceName, root.map()).resolveAll();
    }

    /**
     * True for a name that is an AS-SET per RFC 2622: ':'-separated components, each an AS number or an
     * {@code AS-} name, at least one of them the latter (so {@code AS64500} alone is an AS, not a set).
     */
    public static boolean isSetName(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        boolean named = false;
        for (String part : upper.split(":", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                return false;
            }
            named |= part.startsWith("AS-");
        }
        return named;
    }

    /** The ASes of a set, or null when this file does not define it. */
    public Set<Long> members(String name) {
        return resolved.get(name.toUpperCase(Locale.ROOT));
    }

    /** The file the sets came from, or null for {@link #NONE}. */
    public String source() {
        return source;
    }

    public Set<String> names() {
        return resolved.keySet();
    }

    /** Reads each set's members, then expands sets depth-first, refusing unknown names and cycles. */
    private static final class Resolver {
        private record Member(Long asn, String set, int line) {
        }

        private final String source;
        private final Map<String, List<Member>> declared = new LinkedHashMap<>();
        private final Map<String, Set<Long>> done = new HashMap<>();

        Resolver(String source, MapNode top) {
            this.source = source;
            Map<String, Integer> firstLine = new HashMap<>();
            for (Map.Entry<String, Node> e : top.entries().entrySet()) {
                int line = top.keyLines().get(e.getKey());
                String name = e.getKey().trim().toUpperCase(Locale.ROOT);
                if (!isSetName(name)) {
                    throw error(line, "'" + e.getKey() + "' is not an AS-SET name (RFC 2622: AS-NAME or AS64500:AS-NAME)");
                }
                Integer first = firstLine.putIfAbsent(name, line);
                if (first != null) {
                    throw error(line, "AS-SET " + name + " is defined twice (first on line " + first
                            + "; names are case-insensitive)");
                }
                declared.put(name, members(name, e.getValue(), line));
            }
        }

        private List<Member> members(String name, Node node, int keyLine) {
            List<Member> out = new ArrayList<>();
            if (node == null || node.value() == null) {
                return out;
            }
            if (node.isMap()) {
                throw error(node.line(), "members of " + name + " must be a value or a list, not a mapping");
            }
            for (Node n : node.isList() ? node.list() : List.of(node)) {
                String text = n.value() == null ? "" : n.value().toString().trim();
                if (n.isMap() || n.isList()) {
                    throw error(n.line(), "a member of " + name + " must be an AS number or an AS-SET name");
                }
                if (isSetName(text)) {
                    out.add(new Member(null, text.toUpperCase(Locale.ROOT), n.line()));
                    continue;
                }
                long asn = Asn.parse(text, n.value() instanceof String);
                if (asn < 0) {
                    throw error(n.line(), "member '" + n.value() + "' of " + name
                            + " is neither an AS number (e.g. 64500 or AS64500) nor an AS-SET name");
                }
                if (asn == 0) {
                    throw error(n.line(), "AS0 in " + name + ": AS0 (RFC 7607) is never an origin; to say a prefix"
                            + " must not be announced write announce: false in prefixes.yml");
                }
                out.add(new Member(asn, null, n.line()));
            }
            return out;
        }

        AsSets resolveAll() {
            for (String name : declared.keySet()) {
                expand(name, new ArrayList<>());
            }
            Map<String, Set<Long>> out = new LinkedHashMap<>();
            declared.keySet().forEach(name -> out.put(name, done.get(name)));
            return new AsSets(source, Map.copyOf(out));
        }

        /** @param path the sets being expanded, outermost first: the cycle check */
        private Set<Long> expand(String name, List<String> path) {
            Set<Long> known = done.get(name);
            if (known != null) {
                return known;
            }
            path.add(name);
            Set<Long> asns = new LinkedHashSet<>();
            for (Member m : declared.get(name)) {
                if (m.asn() != null) {
                    asns.add(m.asn());
                } else if (!declared.containsKey(m.set())) {
                    throw error(m.line(), "AS-SET " + name + " includes " + m.set() + ", which this file does not define");
                } else if (path.contains(m.set())) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(m.set()), path.size()));
                    cycle.add(m.set());
                    throw error(m.line(), "AS-SET " + m.set() + " includes itself: " + String.join(" -> ", cycle));
                } else {
                    asns.addAll(expand(m.set(), path));
                }
            }
            path.remove(path.size() - 1);
            Set<Long> result = Set.copyOf(asns);
            done.put(name, result);
            return result;
        }

        private MonitoredPrefixesException error(int line, String reason) {
            return new MonitoredPrefixesException(source, line, reason);
        }
    }
}
