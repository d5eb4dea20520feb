package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import io.netobs.schema.Status;
import io.netobs.schema.bgp.Cidr;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One DNS question (dnsjava {@link SimpleResolver}) to a chosen resolver or the system's first one.
 * Status as the seed (dnspython): answers SUCCESS; NXDOMAIN and NOERROR-without-answer FAILURE;
 * timeout TIMEOUT; any other rcode or I/O error ERROR. Answers are the record data as text, sorted.
 */
public final class DnsProbe implements Probe {
    public static final Set<String> OPTIONS = Set.of("query_type", "resolver", "transport", "expected_answers");
    static final String SYSTEM_DEFAULT = "System Default";

    private final String queryType;
    private final int type;
    private final InetSocketAddress resolver;   // null = the system's
    private final String resolverLabel;
    private final boolean tcp;
    private final List<String> expected;        // sorted; empty = no expectation

    public DnsProbe(String queryType, InetSocketAddress resolver, String resolverLabel, boolean tcp, List<String> expected) {
        this.queryType = queryType;
        this.type = Type.value(queryType);
        this.resolver = resolver;
        this.resolverLabel = resolverLabel;
        this.tcp = tcp;
        this.expected = expected.stream().sorted().toList();
    }

    /** Options: query_type (A), resolver ("" = system; IP or IP:port, [v6]:port), transport (udp|tcp), expected_answers. */
    /** The resolver as results name it ("127.0.0.1:5353", or the seed's "System Default"). */
    public String resolverLabel() {
        return resolverLabel;
    }

    public static DnsProbe fromConfig(ConfigNode o, String canaryId) {
        o.allowKeys(OPTIONS);
        String qt = o.text("query_type", "A").trim().toUpperCase(Locale.ROOT);
        if (Type.value(qt) < 0) {
            throw o.get("query_type").error("unknown DNS record type '" + qt + "'");
        }
        String res = o.text("resolver", "").trim();
        InetSocketAddress addr = null;
        if (!res.isEmpty()) {
            try {
                addr = parseResolver(res);
            } catch (IllegalArgumentException e) {
                throw o.get("resolver").error(e.getMessage());
            }
        }
        String transport = o.text("transport", "udp").trim().toLowerCase(Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw o.get("transport").error("must be udp or tcp, got '" + transport + "'");
        }
        return new DnsProbe(qt, addr, res.isEmpty() ? SYSTEM_DEFAULT : res, transport.equals("tcp"), o.textList("expected_answers"));
    }

    /**
     * "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353". Only IP literals: resolving the resolver's
     * own name would need a resolver.
     */
    static InetSocketAddress parseResolver(String s) {
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced '[' in resolver '" + s + "'");
            }
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                port = parsePort(s.substring(close + 1).replaceFirst("^:", ""), s);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = parsePort(s.substring(s.indexOf(':') + 1), s);
        }
        try {
            return new InetSocketAddress(Address.getByAddress(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("resolver must be an IP address with an optional port, got '" + s + "'");
        }
    }

    private static int parsePort(String p, String whole) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("bad port in resolver '" + whole + "'");
    }

    @Override
    public String type() {
        return "dns";
    }

    @Override
    public Optional<String> checkTarget(String target) {
        try {
            Name.fromString(target, Name.root);
            return Optional.empty();
        } catch (TextParseException e) {
            return Optional.of("not a DNS name: '" + target + "' (" + e.getMessage() + ")");
        }
    }

    @Override
    public Outcome run(ProbeRun run) {
        var base = run.result(Status.ERROR).queryType(queryType).resolver(resolverLabel);
        Duration timeout = run.timeout();
        try {
            SimpleResolver r = resolver != null ? new SimpleResolver(resolver) : systemResolver();
            r.setTCP(tcp);
            r.setTimeout(run.remaining());
            Message query = Message.newQuery(Record.newRecord(Name.fromString(run.target(), Name.root), type, DClass.IN));
            long t0 = System.nanoTime();
            Message resp = r.send(query);
            double ms = Outcome.round((System.nanoTime() - t0) / 1e6);
            int rcode = resp.getRcode();
            base.latencyMs(ms).rcode(Rcode.string(rcode));
            if (rcode == Rcode.NXDOMAIN) {
                return Outcome.of(base.status(Status.FAILURE).errorMessage("NXDOMAIN (Domain does not exist)"), "nxdomain");
            }
            if (rcode != Rcode.NOERROR) {
                return Outcome.of(base.latencyMs(null).errorMessage("DNS server answered " + Rcode.string(rcode)),
                        "rcode_" + Rcode.string(rcode).toLowerCase(Locale.ROOT));
            }
            List<String> answers = resp.getSection(Section.ANSWER).stream()
                    .filter(rec -> rec.getType() == type).map(DnsProbe::text).sorted().toList();
            if (answers.isEmpty()) {
                return Outcome.of(base.status(Status.FAILURE).errorMessage("No " + queryType + " record found (NoAnswer)"),
                        "no_answer");
            }
            base.answer(answers);
            if (!expected.isEmpty() && !expected.equals(answers)) {
                return Outcome.of(base.status(Status.FAILURE).errorMessage("answers " + answers + " differ from expected " + expected),
                        "answer_mismatch");
            }
            return Outcome.success(base.status(Status.SUCCESS));
        } catch (IOException e) {
            if (isTimeout(e)) {
                return Outcome.of(base.status(Status.TIMEOUT).errorMessage("Query timed out after "
                        + timeout.toMillis() / 1000.0 + " seconds"), "timeout");
            }
            return Outcome.of(base.errorMessage("An unexpected error occurred: " + e), "io_error");
        } catch (RuntimeException e) {
            return Outcome.of(base.errorMessage("An unexpected error occurred: " + e), "error");
        }
    }

    /** Record data as dnspython's str(rdata); only AAAA differs from dnsjava's text (IPv6 compression). */
    static String text(Record r) {
        return r instanceof AAAARecord aaaa ? Cidr.format(aaaa.getAddress().getAddress()) : r.rdataToString();
    }

    private static SimpleResolver systemResolver() throws UnknownHostException {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            throw new UnknownHostException("no system resolver configured");
        }
        return new SimpleResolver(servers.get(0));
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
