package io.netobs.canary.probe;

import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The OkHttp clients of one HTTP probe. One base client holds what all runs share (TLS, protocols,
 * proxy, and with keep_alive the connection pool); each request gets a cheap derived client carrying its
 * own event listener, the run's deadline, and without keep_alive a pool of its own, so no two probes,
 * not even concurrent ones to the same host over HTTP/2, ever share a connection.
 */
final class HttpClients {
    private static final int KEEP_ALIVE_IDLE_CONNECTIONS = 1000;

    private final OkHttpClient base;
    private final HttpDns dns;
    private final boolean keepAlive;

    HttpClients(HttpOptions o) {
        this.dns = o.dns();
        this.keepAlive = o.keepAlive();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                // The probe follows redirects itself: it counts them, caps them, and times each hop.
                .followRedirects(false)
                .followSslRedirects(false)
                // A probe reports what happened; a silent retry would hide a failure. With keep_alive a
                // pooled connection the server already closed is the one retry worth making.
                .retryOnConnectionFailure(o.keepAlive())
                .protocols(protocols(o.http2()))
                .socketFactory(HttpSockets.NO_DELAY)
                .sslSocketFactory(o.tls().socketFactory(), o.tls().trustManager())
                // Happy eyeballs only when both families are wanted; otherwise connect on the call thread.
                .fastFallback(o.ipProtocol() == HttpDns.Family.ANY)
                .connectionPool(o.keepAlive() ? new ConnectionPool(KEEP_ALIVE_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES) : fresh())
                .dns(dns);
        if (o.tls().hostnameVerifier() != null) {
            b.hostnameVerifier(o.tls().hostnameVerifier());
        }
        if (o.proxy() != null) {
            b.proxy(o.proxy().proxy()).proxyAuthenticator(o.proxy().authenticator());
        } else {
            // Not the JVM's proxy properties: a probe goes where its configuration says.
            b.proxy(Proxy.NO_PROXY);
        }
        this.base = b.build();
    }

    private static List<Protocol> protocols(HttpOptions.Http2 mode) {
        return switch (mode) {
            case AUTO -> List.of(Protocol.HTTP_2, Protocol.HTTP_1_1);
            case OFF -> List.of(Protocol.HTTP_1_1);
            case PRIOR_KNOWLEDGE -> List.of(Protocol.H2_PRIOR_KNOWLEDGE);
        };
    }

    /** A pool that keeps nothing: the connection closes when its request is done. */
    private static ConnectionPool fresh() {
        return new ConnectionPool(0, 1, TimeUnit.SECONDS);
    }

    /** A client for one request that must finish within {@code left}, reporting to {@code timings}. */
    OkHttpClient forRequest(Duration left, HttpTimings timings) {
        OkHttpClient.Builder b = base.newBuilder()
                .eventListener(timings)
                .dns(dns.until(System.nanoTime() + left.toNanos()))
                .callTimeout(left)
                .connectTimeout(left)
                .readTimeout(left)
                .writeTimeout(left);
        if (!keepAlive) {
            b.connectionPool(fresh());
        }
        return b.build();
    }
}
