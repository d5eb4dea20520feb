package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import io.netobs.streams.state.StoreCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The BGP topology's values in the state encoding ({@link StoreCodec}): the repartitioned update,
 * the route table's entries and the per-prefix state with its open events.
 *
 * <p>PrefixState format 2 added {@link PrefixState#maxExpectedVisible}. A format-1 value (written before
 * visibility counted expected origins only) is still read, its mark taken from the all-origin
 * {@code maxVisible}: exact unless a route of another origin ever raised that mark, an upper bound then.
 */
final class BgpCodecs {
    static final StoreCodec<BgpUpdate> UPDATE = new UpdateCodec();
    static final StoreCodec<RouteEntry> ROUTE = new RouteCodec();
    static final StoreCodec<PrefixState> PREFIX = new PrefixCodec();

    private BgpCodecs() {
    }

    private static final class UpdateCodec extends StoreCodec<BgpUpdate> {
        UpdateCodec() {
            super("BgpUpdate", 1);
        }

        @Override
        protected void write(Out out, BgpUpdate u) {
            out.optLong(u.schemaVersion() == null ? null : u.schemaVersion().longValue());
            out.zigzag(u.timestampMs());
            out.str(u.collector());
            out.str(u.project());
            out.str(u.peerIp());
            out.varlong(u.peerAsn());
            out.b(u.type().ordinal());
            out.str(u.prefix());
            longs(out, u.asPath());
            longs(out, u.asSet());
            longs(out, u.originAsns());
            out.str(u.nextHop());
            strings(out, u.communities());
            out.str(u.source());
        }

        @Override
        protected BgpUpdate read(In in) {
            return new BgpUpdate(in.optInt(), in.zigzag(), in.str(), in.str(), in.str(), in.varlong(),
                    BgpUpdate.Kind.values()[in.b()], in.str(), longs(in), longs(in), longs(in), in.str(), strings(in),
                    in.str());
        }
    }

    private static final class RouteCodec extends StoreCodec<RouteEntry> {
        RouteCodec() {
            super("RouteEntry", 1);
        }

        @Override
        protected void write(Out out, RouteEntry r) {
            out.b(r.announced() ? 1 : 0);
            out.str(r.peerIp());
            out.varlong(r.peerAsn());
            out.str(r.collector());
            out.str(r.project());
            out.str(r.originKey());
            longs(out, r.asPath());
            out.optLong(r.upstreamAsn());
            out.zigzag(r.timestampMs());
        }

        @Override
        protected RouteEntry read(In in) {
            return new RouteEntry(in.b() == 1, in.str(), in.varlong(), in.str(), in.str(), in.str(), longs(in),
                    in.optLong(), in.zigzag());
        }
    }

    private static final class PrefixCodec extends StoreCodec<PrefixState> {
        PrefixCodec() {
            super("PrefixState", 2, 1);
        }

        @Override
        protected void write(Out out, PrefixState s) {
            out.varlong(s.reporting);
            out.varlong(s.visible);
            out.varlong(s.maxVisible);
            out.varlong(s.announcements);
            out.varlong(s.withdrawals);
            out.varlong(s.origins.size());
            s.origins.forEach((origin, n) -> {
                out.str(origin);
                out.varlong(n);
            });
            out.varlong(s.upstreams.size());
            s.upstreams.forEach((asn, n) -> {
                out.varlong(asn);
                out.varlong(n);
            });
            out.varlong(s.opened.size());
            s.opened.forEach((kind, n) -> {
                out.str(kind);
                out.varlong(n);
            });
            out.varlong(s.open.size());
            s.open.values().forEach(e -> event(out, e));
            out.varlong(s.moreSpecifics);
            out.varlong(s.moreSpecificsOverflow);
            out.varlong(s.maxExpectedVisible);
        }

        @Override
        protected PrefixState read(In in) {
            PrefixState s = new PrefixState();
            s.reporting = in.varlong();
            s.visible = in.varlong();
            s.maxVisible = in.varlong();
            s.announcements = in.varlong();
            s.withdrawals = in.varlong();
            for (int n = in.size(); n > 0; n--) {
                String origin = in.str();
                s.origins.put(origin, in.varlong());
            }
            for (int n = in.size(); n > 0; n--) {
                long asn = in.varlong();
                s.upstreams.put(asn, in.varlong());
            }
            for (int n = in.size(); n > 0; n--) {
                String kind = in.str();
                s.opened.put(kind, in.varlong());
            }
            for (int n = in.size(); n > 0; n--) {
                BgpEvent e = event(in);
                s.open.put(e.id(), e);
            }
            s.moreSpecifics = in.varlong();
            s.moreSpecificsOverflow = in.varlong();
            s.maxExpectedVisible = in.format() >= 2 ? in.varlong() : s.maxVisible;
            return s;
        }

        private static void event(Out out, BgpEvent e) {
            out.optLong(e.schemaVersion() == null ? null : e.schemaVersion().longValue());
            out.str(e.id());
            out.b(e.kind().ordinal());
            out.b(e.state().ordinal());
            out.str(e.prefix());
            out.str(e.monitoredPrefix());
            out.str(e.group());
            out.str(e.severity());
            longs(out, e.originAsns());
            longs(out, e.expectedOriginAsns());
            out.optLong(e.upstreamAsn());
            out.str(e.rpkiStatus());
            out.varlong(e.peers());
            out.zigzag(e.openedAtMs());
            out.optLong(e.closedAtMs());
            out.str(e.detail());
        }

        private static BgpEvent event(In in) {
            return new BgpEvent(in.optInt(), in.str(), BgpEvent.Kind.values()[in.b()], BgpEvent.State.values()[in.b()],
                    in.str(), in.str(), in.str(), in.str(), longs(in), longs(in), in.optLong(), in.str(),
                    Math.toIntExact(in.varlong()), in.zigzag(), in.optLong(), in.str());
        }
    }

    /** A nullable list of ASNs (never containing null: validated at the input). */
    static void longs(StoreCodec.Out out, List<Long> values) {
        out.varlong(values == null ? 0 : values.size() + 1L);
        if (values != null) {
            values.forEach(out::varlong);
        }
    }

    static List<Long> longs(StoreCodec.In in) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        List<Long> values = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            values.add(in.varlong());
        }
        return values;
    }

    static void strings(StoreCodec.Out out, List<String> values) {
        out.varlong(values == null ? 0 : values.size() + 1L);
        if (values != null) {
            values.forEach(out::str);
        }
    }

    static List<String> strings(StoreCodec.In in) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        List<String> values = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            values.add(in.str());
        }
        return values;
    }
}
