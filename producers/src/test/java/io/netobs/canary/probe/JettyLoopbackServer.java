package io.netobs.canary.probe;

import io.netobs.canary.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A second, independent HTTP server (Jetty) on loopback for the HTTP probe's tests: HTTP/1.1 and h2c
 * (prior knowledge) on one cleartext port, bound on 127.0.0.1 and, when free, the same port on ::1;
 * HTTP/1.1 and h2 (ALPN) on a TLS port with {@link TestCerts}' certificate. Paths: /text, /status/{code},
 * /redirect/{n}, /goto?to={url} (302 there), /bytes/{n}, /gzip/{n} (n bytes, gzip-encoded when the client accepts it), /delay/{ms},
 * /echo (method, protocol, local address, a few request headers, body). Counts requests and connections.
 */
public final class JettyLoopbackServer implements AutoCloseable {
    public static final String TEXT = "hello from the netobs jetty server";

    private final Server server = new Server();
    private final ServerConnector plain4;
    private ServerConnector plain6;
    private final ServerConnector tls;
    public final AtomicLong requests = new AtomicLong();
    private final Set<SocketAddress> clientSockets = ConcurrentHashMap.newKeySet();

    public JettyLoopbackServer(TestCerts certs) throws Exception {
        HttpConfiguration cfg = new HttpConfiguration();
        plain4 = connector("127.0.0.1", 0, new HttpConnectionFactory(cfg), new HTTP2CServerConnectionFactory(cfg));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(certs.serverContext);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        tls = connector("127.0.0.1", 0, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(cfg), new HttpConnectionFactory(cfg));
        server.setHandler(new Endpoints());
        server.start();
        try {
            plain6 = connector("::1", plain4.getLocalPort(), new HttpConnectionFactory(cfg), new HTTP2CServerConnectionFactory(cfg));
            plain6.start();
        } catch (IOException e) {
            // ::1 or the port on it is unavailable: tests that need it check hasIpv6().
            server.removeConnector(plain6);
            plain6 = null;
        }
    }

    private ServerConnector connector(String host, int port, org.eclipse.jetty.server.ConnectionFactory... factories) {
        ServerConnector c = new ServerConnector(server, factories);
        c.setHost(host);
        c.setPort(port);
        // Upgrades (TLS, ALPN, h2c) open several connection objects on one socket: count client sockets.
        c.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                clientSockets.add(connection.getEndPoint().getRemoteSocketAddress());
            }
        });
        server.addConnector(c);
        return c;
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return clientSockets.size();
    }

    public boolean hasIpv6() {
        return plain6 != null;
    }

    public int port() {
        return plain4.getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + plain4.getLocalPort() + path;
    }

    public String httpsUrl(String path) {
        return "https://127.0.0.1:" + tls.getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            requests.incrementAndGet();
            String[] p = Request.getPathInContext(request).split("/");
            String what = p.length > 1 ? p[1] : "";
            String arg = p.length > 2 ? p[2] : "0";
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            switch (what) {
                case "text" -> send(response, callback, 200, TEXT);
                case "status" -> send(response, callback, Integer.parseInt(arg), "status " + arg);
                case "delay" -> {
                    Thread.sleep(Long.parseLong(arg));
                    send(response, callback, 200, "delayed " + arg);
                }
                case "redirect" -> {
                    int n = Integer.parseInt(arg);
                    if (n > 0) {
                        response.getHeaders().put(HttpHeader.LOCATION, "/redirect/" + (n - 1));
                    }
                    send(response, callback, n > 0 ? 302 : 200, n > 0 ? "" : "redirects done");
                }
                case "goto" -> {
                    response.getHeaders().put(HttpHeader.LOCATION, Request.extractQueryParameters(request).getValue("to"));
                    send(response, callback, 302, "");
                }
                case "bytes" -> send(response, callback, 200, "x".repeat(Integer.parseInt(arg)));
                case "gzip" -> gzip(request, response, callback, "y".repeat(Integer.parseInt(arg)));
                case "echo" -> {
                    InetSocketAddress local = (InetSocketAddress) request.getConnectionMetaData().getLocalSocketAddress();
                    send(response, callback, 200, String.join("\n", request.getMethod(),
                            request.getConnectionMetaData().getProtocol(), local.getAddress().getHostAddress(),
                            "ua=" + request.getHeaders().get(HttpHeader.USER_AGENT),
                            "accept-encoding=" + request.getHeaders().get(HttpHeader.ACCEPT_ENCODING),
                            "authorization=" + request.getHeaders().get(HttpHeader.AUTHORIZATION),
                            "proxy-authorization=" + request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION),
                            "x-test=" + request.getHeaders().get("X-Test"), "body=" + body));
                }
                default -> send(response, callback, 404, "not found");
            }
            return true;
        }

        private void gzip(Request request, Response response, Callback callback, String text) throws IOException {
            String accept = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
            if (accept == null || !accept.contains("gzip")) {
                send(response, callback, 200, text);
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            write(response, callback, 200, out.toByteArray());
        }

        private void send(Response response, Callback callback, int code, String text) {
            write(response, callback, code, text.getBytes(StandardCharsets.UTF_8));
        }

        private void write(Response response, Callback callback, int code, byte[] bytes) {
            response.setStatus(code);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }
}
