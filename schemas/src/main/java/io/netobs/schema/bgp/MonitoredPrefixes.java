package io.netobs.schema.bgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The monitored-prefixes configuration ({@code NETOBS_BGP_CONFIG}, example {@code infra/config/prefixes.yml}),
 * validated when loaded: every problem is a {@link MonitoredPrefixesException} naming file, line and reason.
 *
 * <p>The layout is BGPalerter's {@code prefixes.yml} (top-level keys are prefixes with {@code description},
 * {@code asn}, {@code ignoreMorespecifics}, {@code ignore}, {@code group}) plus netobs' {@code announce} and
 * {@code upstreams} per prefix, RFC 2622 range operators on the keys (ARTEMIS' {@code ^-}, {@code ^+},
 * {@code ^n}, {@code ^n-m}), AS-SET names resolved from a local file ({@link AsSets}), and an {@code options}
 * block (ignored feeder peers, thresholds); see the example file for every key.
 */
public final class MonitoredPrefixes {
    /** The AS-SET file, when not {@link #DEFAULT_AS_SETS} beside the prefixes file. */
    public static final String ENV_AS_SETS = "NETOBS_BGP_AS_SETS";
    public static final String DEFAULT_AS_SETS = "as-sets.yml";

    /**
     * One configured prefix.
     *
     * @param operator             the RFC 2622 range operator of its key ("" when none): see {@link #expectsLength}
     * @param minLength            the shortest expected announcement under it (its own length without operator)
     * @param maxLength            the longest expected announcement under it
     * @param originAsns           the expected origin ASes; empty when {@code anyOrigin}, when no AS may announce
     *                             the prefix ({@link #squatting()}) and for {@code ignore} entries
     * @param anyOrigin            {@code asn: "*"}: every origin is expected
     * @param ignoreMorespecifics  more-specifics of this prefix are not monitored at all
     * @param ignore               this prefix and its more-specifics are excluded (carves a hole in a wider one)
     * @param upstreams            allowed first hops before the origin; empty = not checked
     */
    public record Prefix(Cidr prefix, String operator, int minLength, int maxLength, String description,
                         Set<Long> originAsns, boolean anyOrigin, boolean ignoreMorespecifics, boolean ignore,
                         String group, Set<Long> upstreams) {
        public Prefix {
            originAsns = Set.copyOf(originAsns);
            upstreams = Set.copyOf(upstreams);
            int bits = prefix.isIpv6() ? 128 : 32;
            if (minLength < prefix.length() || maxLength > bits || minLength > maxLength) {
                throw new IllegalArgumentException(prefix + ": expected lengths " + minLength + ".." + maxLength);
            }
        }

        public boolean expectsOrigin(long asn) {
            return anyOrigin || originAsns.contains(asn);
        }

        /**
         * No AS may announce this prefix or a monitored more-specific of it ({@code announce: false}, or its alias
         * {@code asn: 0}): every announcement is squatting.
         */
        public boolean squatting() {
            return !ignore && !anyOrigin && originAsns.isEmpty();
        }

        /**
         * True when an announcement of this length under the prefix (by an expected origin) is expected: it opens
         * no MORE_SPECIFIC and, for the prefix's own length, its visibility is watched. Never for a squatted prefix.
         */
        public boolean expectsLength(int length) {
            return !squatting() && length >= minLength && length <= maxLength;
        }

        /** The key as configured: the prefix and its operator. */
        public String key() {
            return prefix + operator;
        }
    }

    /**
     * Global options.
     *
     * @param ignoredPeerIps         canonical IPs of feeder peers whose updates are dropped
     * @param ignoredPeerAsns        ASNs of feeder peers whose updates are dropped
     * @param minPeers               distinct peers that must carry a route before an event opens
     * @param visibilityMinPeers     visibility is lost below this many announcing peers; 0 = off
     * @param visibilityMinFraction  visibility is lost below this fraction of the most peers ever seen; 0 = off
     * @param maxMoreSpecifics       distinct more-specifics tracked per monitored prefix; updates of further
     *                               ones are counted, not tracked, so a more-specific flood cannot grow
     *                               state and label values without limit
     */
    public record Options(Set<String> ignoredPeerIps, Set<Long> ignoredPeerAsns, int minPeers,
                         int visibilityMinPeers, double visibilityMinFraction, int maxMoreSpecifics) {
        public static final int DEFAULT_MIN_PEERS = 2;
        public static final double DEFAULT_VISIBILITY_MIN_FRACTION = 0.5;
        public static final int DEFAULT_MAX_MORE_SPECIFICS = 256;
        public static final Options DEFAULTS = new Options(Set.of(), Set.of(), DEFAULT_MIN_PEERS, 0,
                DEFAULT_VISIBILITY_MIN_FRACTION, DEFAULT_MAX_MORE_SPECIFICS);

        public Options {
            ignoredPeerIps = Set.copyOf(ignoredPeerIps);
            ignoredPeerAsns = Set.copyOf(ignoredPeerAsns);
        }
    }

    private final String source;
    private final List<Prefix> prefixes;
    private final Options options;
    private final MonitoredPrefixesIndex index;

    private MonitoredPrefixes(String source, Collection<Prefix> prefixes, Options options) {
        this.source = source;
        this.prefixes = prefixes.stream().sorted((a, b) -> a.prefix().compareTo(b.prefix())).toList();
        this.options = options;
        this.index = new MonitoredPrefixesIndex(this.prefixes);
    }

    /** Built in code (tests, tools); the prefixes must be distinct. */
    public static MonitoredPrefixes of(Collection<Prefix> prefixes, Options options) {
        return new MonitoredPrefixes("<code>", prefixes, options);
    }

    /** As {@link #load(Path, Map)} with the process environment, so every component finds the same AS-SETs. */
    public static MonitoredPrefixes load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Loads the file and the AS-SETs its {@code asn} and {@code upstreams} may name: the file
     * {@code NETOBS_BGP_AS_SETS} names (which must then exist), else {@code as-sets.yml} beside the prefixes
     * file when there is one, else none.
     */
    public static MonitoredPrefixes load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MonitoredPrefixesException(file.toString(), 0, "cannot read: " + e);
        }
        String named = env.get(ENV_AS_SETS);
        AsSets sets;
        if (named != null && !named.isBlank()) {
            sets = AsSets.load(Path.of(named.trim()));
        } else {
            Path beside = file.resolveSibling(DEFAULT_AS_SETS);
            sets = Files.isRegularFile(beside) ? AsSets.load(beside) : AsSets.NONE;
        }
        return parse(text, file.toString(), sets);
    }

    /** A file that names no AS-SET. @param sourceName the file name used in error messages */
    public static MonitoredPrefixes parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, AsSets.NONE);
    }

    /** @param sourceName the file name used in error messages */
    public static MonitoredPrefixes parse(String yaml, String sourceName, AsSets sets) {
        MonitoredPrefixesParser parser = new MonitoredPrefixesParser(sourceName, sets);
        parser.parse(yaml);
        return new MonitoredPrefixes(sourceName, parser.prefixes(), parser.options());
    }

    /** Every configured entry, including {@code ignore: true} ones, in prefix order. */
    public List<Prefix> all() {
        return prefixes;
    }

    /** The entries actually monitored (what the ingester subscribes to), in prefix order. */
    public List<Prefix> monitored() {
        return prefixes.stream().filter(p -> !p.ignore()).toList();
    }

    public Options options() {
        return options;
    }

    public String source() {
        return source;
    }

    /**
     * The monitored prefix a route belongs to: the most specific configured prefix containing it,
     * unless that entry is {@code ignore: true}, or the route is a more-specific of an entry with
     * {@code ignoreMorespecifics: true}.
     */
    public Optional<Prefix> match(Cidr route) {
        Prefix p = index.longestMatch(route);
        if (p == null || p.ignore() || (p.ignoreMorespecifics() && p.prefix().length() != route.length())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** As {@link #match(Cidr)}; text that is not a canonical-able prefix matches nothing. */
    public Optional<Prefix> match(String route) {
        if (route == null) {
            return Optional.empty();
        }
        try {
            return match(Cidr.parse(route));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The entry configured for exactly this prefix, if any. */
    public Optional<Prefix> exact(Cidr prefix) {
        Prefix p = index.longestMatch(prefix);
        return p != null && p.prefix().equals(prefix) ? Optional.of(p) : Optional.empty();
    }

    /** True when updates from this feeder peer must be dropped (by IP or by ASN). */
    public boolean isIgnoredPeer(String peerIp, long peerAsn) {
        if (options.ignoredPeerAsns().contains(peerAsn)) {
            return true;
        }
        if (peerIp == null || options.ignoredPeerIps().isEmpty()) {
            return false;
        }
        try {
            return options.ignoredPeerIps().contains(Cidr.format(Cidr.parseAddress(peerIp)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
