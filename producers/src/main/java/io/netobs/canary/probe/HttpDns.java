package io.netobs.canary.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dns;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.hosts.HostsFileParser;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * The HTTP probe's name lookups, with dnsjava, so OkHttp's DNS phase is the probe's own query: to the
 * configured resolver (absolute names only), or, when none is configured, to the system's servers with
 * its search path and hosts file, as the C library would, but without the JVM's 30-second address cache
 * that would hide the lookup time. Nothing is cached: every probe measures a real lookup.
 *
 * <p>One instance per probe is the template; {@link #until} gives each run a copy bound to its deadline.
 * Equality ignores the deadline because OkHttp keys pooled connections on it (keep_alive).
 */
final class HttpDns implements Dns {
    enum Family { ANY, IP4, IP6 }

    /** The lookup ran out of the probe's time: the probe reports TIMEOUT, not a DNS error. */
    static final class DnsTimeoutException extends UnknownHostException {
        DnsTimeoutException(String message) {
            super(message);
        }
    }

    private static final HostsFileParser HOSTS = new HostsFileParser();

    private final InetSocketAddress server; // null: the system's resolvers
    private final Family family;
    private final boolean fallback;
    private final long deadlineNanos;

    HttpDns(InetSocketAddress server, Family family, boolean fallback) {
        this(server, family, fallback, Long.MAX_VALUE);
    }

    private HttpDns(InetSocketAddress server, Family family, boolean fallback, long deadlineNanos) {
        this.server = server;
        this.family = family;
        this.fallback = fallback;
        this.deadlineNanos = deadlineNanos;
    }

    /** A copy whose lookups give up at {@code deadlineNanos} ({@link System#nanoTime()} clock). */
    HttpDns until(long deadlineNanos) {
        return new HttpDns(server, family, fallback, deadlineNanos);
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        Name name;
        try {
            name = server == null ? Name.fromString(host) : Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new UnknownHostException(host + ": not a DNS name (" + e.getMessage() + ")");
        }
        LookupSession session = session();
        return switch (family) {
            case IP4 -> preferring(session, name, host, Type.A, Type.AAAA);
            case IP6 -> preferring(session, name, host, Type.AAAA, Type.A);
            case ANY -> both(session, name, host);
        };
    }

    private List<InetAddress> preferring(LookupSession s, Name name, String host, int first, int second)
            throws UnknownHostException {
        List<InetAddress> found = await(query(s, name, first), host);
        if (found.isEmpty() && fallback) {
            found = await(query(s, name, second), host);
        }
        if (found.isEmpty()) {
            throw new UnknownHostException(host + ": no " + Type.string(first) + " record"
                    + (fallback ? " and no " + Type.string(second) + " record" : " (ip_protocol "
                    + family.name().toLowerCase(Locale.ROOT) + " without fallback)"));
        }
        return found;
    }

    /** Both families at once; IPv6 first, and OkHttp's fast fallback races the two (RFC 8305). */
    private List<InetAddress> both(LookupSession s, Name name, String host) throws UnknownHostException {
        CompletableFuture<List<InetAddress>> v6 = query(s, name, Type.AAAA);
        CompletableFuture<List<InetAddress>> v4 = query(s, name, Type.A);
        List<InetAddress> all = new ArrayList<>(await(v6, host));
        all.addAll(await(v4, host));
        if (all.isEmpty()) {
            throw new UnknownHostException(host + ": no A or AAAA record");
        }
        return all;
    }

    private CompletableFuture<List<InetAddress>> query(LookupSession s, Name name, int type) {
        return s.lookupAsync(name, type).toCompletableFuture().thenApply(HttpDns::addresses);
    }

    private List<InetAddress> await(CompletableFuture<List<InetAddress>> f, String host) throws UnknownHostException {
        long left = deadlineNanos - System.nanoTime();
        try {
            if (left <= 0) {
                throw new TimeoutException();
            }
            return f.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new DnsTimeoutException(host + ": DNS lookup timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": DNS lookup interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof NoSuchRRSetException) {
                return List.of();
            }
            if (c instanceof NoSuchDomainException) {
                throw new UnknownHostException(host + ": NXDOMAIN");
            }
            if (c instanceof java.net.SocketTimeoutException || c instanceof TimeoutException) {
                throw new DnsTimeoutException(host + ": DNS lookup timed out");
            }
            throw new UnknownHostException(host + ": " + c);
        }
    }

    private static List<InetAddress> addresses(LookupResult r) {
        List<InetAddress> out = new ArrayList<>();
        for (org.xbill.DNS.Record rec : r.getRecords()) {
            if (rec instanceof ARecord a) {
                out.add(a.getAddress());
            } else if (rec instanceof AAAARecord a) {
                out.add(a.getAddress());
            }
        }
        return out;
    }

    /** A session per lookup: its resolver's timeout is what is left of this run's deadline. */
    private LookupSession session() throws UnknownHostException {
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadlineNanos == Long.MAX_VALUE
                ? Duration.ofSeconds(10).toNanos() : deadlineNanos - System.nanoTime()));
        if (server != null) {
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(left);
            return LookupSession.builder().resolver(r).clearCaches().build();
        }
        ResolverConfig cfg = ResolverConfig.getCurrentConfig();
        if (cfg.servers().isEmpty()) {
            throw new UnknownHostException("no system resolver configured");
        }
        Resolver r = new ExtendedResolver(cfg.servers().stream().map(a -> (Resolver) new SimpleResolver(a)).toList());
        r.setTimeout(left);
        return LookupSession.builder().resolver(r).clearCaches().ndots(cfg.ndots()).searchPath(cfg.searchPath())
                .hostsFileParser(HOSTS).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpDns d && Objects.equals(server, d.server) && family == d.family && fallback == d.fallback;
    }

    @Override
    public int hashCode() {
        return Objects.hash(server, family, fallback);
    }

    @Override
    public String toString() {
        return "dnsjava resolver " + (server == null ? "(system)" : server);
    }
}
