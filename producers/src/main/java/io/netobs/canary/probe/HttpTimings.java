package io.netobs.canary.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;

/**
 * OkHttp's events for one request (one redirect hop), turned into the probe's phases. The phases are
 * consecutive slices of one clock, as blackbox_exporter's httptrace phases: dns ends at the lookup's end
 * (zero for an IP literal or a reused connection), connect at the TCP connection (through the proxy
 * tunnel if any), tls at the handshake's end, first_byte when the response head is in, transfer when the
 * body is read. So they add up to the hop's total by construction.
 *
 * <p>Events may come from OkHttp's connect threads (fast fallback races TCP connects), hence volatile;
 * the first connect start counts, so a happy-eyeballs race is part of the connect phase.
 */
final class HttpTimings extends EventListener {
    private volatile long callStart;
    private volatile long dnsEnd;
    private volatile long connectStart;
    private volatile long tcpConnected;
    private volatile long tlsStart;
    private volatile long tlsEnd;
    private volatile long headersIn;
    private volatile boolean acquired;
    private volatile String tlsVersion;
    private volatile Long certExpiry;
    private volatile SSLSession session;

    @Override
    public void callStart(Call call) {
        callStart = System.nanoTime();
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
        dnsEnd = System.nanoTime();
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        if (connectStart == 0) {
            connectStart = System.nanoTime();
        }
    }

    @Override
    public void secureConnectStart(Call call) {
        tcpConnected = tlsStart = System.nanoTime();
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        tlsEnd = System.nanoTime();
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        if (tlsStart == 0) {
            tcpConnected = System.nanoTime();
        }
    }

    /** Also for a pooled connection: its TLS session still says which version and which chain. */
    @Override
    public void connectionAcquired(Call call, Connection connection) {
        acquired = true;
        if (connection.socket() instanceof SSLSocket ssl) {
            session = ssl.getSession();
            tlsVersion = session.getProtocol();
            certExpiry = earliestExpiry(session);
        }
    }

    @Override
    public void responseHeadersStart(Call call) {
        headersIn = System.nanoTime();
    }

    /**
     * Takes this request's TLS session out of the client's session cache (the connection itself goes
     * on). Without it JSSE resumes the session on the next connection: the server then sends no
     * certificate, so the probe would time an abbreviated handshake and report the expiry of the
     * certificate it saw first, for as long as the server honours the ticket, even after a renewal.
     * Called when the response has been read, so the session tickets that came with it go too.
     */
    void forgetTlsSession() {
        SSLSession s = session;
        if (s != null) {
            s.invalidate();
        }
    }

    /** TLS version of the connection that carried the request, or null for plain HTTP. */
    String tlsVersion() {
        return tlsVersion;
    }

    /** Earliest notAfter of the chain the server presented (as sent, before any path building), Unix seconds. */
    Long certExpiry() {
        return certExpiry;
    }

    /**
     * Adds this hop's phases to {@code acc}. {@code end} is when the body was read, or 0 when the hop
     * failed: then only the phases that finished count. A phase the hop did not need (no lookup for an IP
     * literal, no connect on a pooled connection, no TLS for http://) counts as reached with 0 once a later
     * phase is reached.
     */
    void addTo(HttpPhases acc, long end) {
        long t = callStart;
        if (t == 0) {
            return;
        }
        long[] marks = new long[5];
        marks[HttpPhases.DNS] = dnsEnd;
        if (connectStart > 0 || acquired) {
            marks[HttpPhases.CONNECT] = tcpConnected;
            marks[HttpPhases.TLS] = tlsStart > 0 ? tlsEnd : tcpConnected;
        }
        if (acquired && connectStart == 0) {
            // A pooled connection: nothing to connect, nothing to handshake.
            marks[HttpPhases.CONNECT] = marks[HttpPhases.TLS] = Math.max(t, dnsEnd);
        }
        marks[HttpPhases.FIRST_BYTE] = acquired ? headersIn : 0;
        marks[HttpPhases.TRANSFER] = marks[HttpPhases.FIRST_BYTE] > 0 ? end : 0;
        int last = -1;
        for (int i = 0; i < marks.length; i++) {
            if (marks[i] > 0) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            if (marks[i] > 0) {
                acc.add(i, marks[i] - t);
                t = marks[i];
            } else {
                acc.add(i, 0);
            }
        }
    }

    private static Long earliestExpiry(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        Long min = null;
        for (Certificate c : chain) {
            if (c instanceof X509Certificate x) {
                long s = x.getNotAfter().getTime() / 1000;
                min = min == null ? s : Math.min(min, s);
            }
        }
        return min;
    }
}
