package io.netobs.canary.probe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP forward proxy on a loopback port (Jetty's ConnectHandler for CONNECT tunnels, its forward
 * ProxyHandler for absolute-URI requests), optionally demanding Basic credentials with 407. Records what
 * it was asked for ("CONNECT 127.0.0.1:443", "GET http://127.0.0.1:80/x"), so a test knows traffic went
 * through it. Targets must be IP literals: the proxy resolves names with the system resolver.
 */
final class LoopbackProxy implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector;
    final List<String> seen = new CopyOnWriteArrayList<>();

    LoopbackProxy(String requiredAuthorization) throws Exception {
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ConnectHandler tunnels = new ConnectHandler(new ProxyHandler.Forward());
        server.setHandler(new Gate(tunnels, requiredAuthorization));
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Gate extends Handler.Wrapper {
        private final String required;

        Gate(Handler next, String required) {
            super(next);
            this.required = required;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String given = request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION);
            String what = request.getMethod() + " " + (request.getMethod().equals("CONNECT")
                    ? request.getHttpURI().getAuthority() : request.getHttpURI().toString());
            if (required != null && !required.equals(given)) {
                seen.add("407 " + what);
                response.setStatus(407);
                response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"netobs-test\"");
                response.write(true, null, callback);
                return true;
            }
            seen.add(what);
            return super.handle(request, response, callback);
        }
    }
}
