package io.netobs.canary.probe;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * {@code proxy_url}: an HTTP forward proxy, {@code http://[user:password@]host[:port]}. http:// targets go
 * to it as absolute-URI requests, https:// targets through a CONNECT tunnel (TLS stays end to end).
 * The proxy's host name is looked up by the probe's resolver when a connection is made (OkHttp does
 * it, so the DNS phase is then the proxy's lookup; the proxy resolves the target).
 */
record HttpProxy(String host, int port, String user, String password) {

    static HttpProxy parse(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + url + "' (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("only http:// proxies are supported (they tunnel https:// targets with CONNECT); got '"
                    + url + "'");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("the proxy URL needs a host: '" + url + "'");
        }
        if ((u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) || u.getRawQuery() != null) {
            throw new IllegalArgumentException("the proxy URL takes no path or query: '" + url + "'");
        }
        String user = null;
        String password = null;
        if (u.getUserInfo() != null) {
            int colon = u.getUserInfo().indexOf(':');
            user = colon < 0 ? u.getUserInfo() : u.getUserInfo().substring(0, colon);
            password = colon < 0 ? "" : u.getUserInfo().substring(colon + 1);
        }
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        return new HttpProxy(host, u.getPort() > 0 ? u.getPort() : 80, user, password);
    }

    /** Unresolved on purpose: OkHttp then resolves it through the probe's {@link HttpDns}. */
    Proxy proxy() {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    /**
     * Basic credentials on the proxy's 407 (and up front for CONNECT: OkHttp asks with a preemptive
     * challenge). Gives up when the proxy refused the credentials already sent, instead of looping.
     */
    Authenticator authenticator() {
        if (user == null) {
            return Authenticator.NONE;
        }
        String credentials = Credentials.basic(user, password);
        return (route, response) -> {
            if (credentials.equals(response.request().header("Proxy-Authorization"))) {
                return null;
            }
            return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
        };
    }

    @Override
    public String toString() {
        return "http://" + (user == null ? "" : user + ":***@") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
