package io.netobs.streams.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The status page: plain HTML, CSS and JavaScript from {@code netobs/web/} on the classpath, served at
 * {@code /} ({@code index.html} the overview, {@code target.html}, {@code bgp.html}), and uPlot from its
 * webjar at {@code /vendor/uplot.js} and {@code /vendor/uplot.css}, version-free so the pages need no
 * change when the webjar is upgraded. The pages read only this app's relative {@code /api} URLs; the
 * Content-Security-Policy holds the browser to that (nothing from another origin, no inline script).
 */
public final class StatusPage {
    /** Classpath directory of the page's files. */
    public static final String DIRECTORY = "/netobs/web";
    static final String CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:;"
            + " style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    /** The pages poll every few seconds: always revalidate, never serve a stale script after an upgrade. */
    static final Map<String, String> HEADERS = Map.of("Content-Security-Policy", CSP, "Cache-Control", "no-cache",
            "X-Content-Type-Options", "nosniff");
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private StatusPage() {
    }

    /** Adds the page's files and the uPlot routes to an app being configured. */
    public static void addTo(JavalinConfig config) {
        byte[] uplotJs = Webjar.UPLOT.read("dist/uPlot.iife.min.js");
        byte[] uplotCss = Webjar.UPLOT.read("dist/uPlot.min.css");
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        config.routes.get("/vendor/uplot.js", ctx -> serve(ctx, JS, uplotJs));
        config.routes.get("/vendor/uplot.css", ctx -> serve(ctx, CSS, uplotCss));
    }

    private static void serve(Context ctx, String type, byte[] body) {
        HEADERS.forEach(ctx::header);
        ctx.contentType(type).result(body);
    }

    /** A webjar on the classpath, its version read from its own Maven metadata. */
    enum Webjar {
        UPLOT("org.webjars.npm", "uplot");

        private final String group;
        private final String artifact;

        Webjar(String group, String artifact) {
            this.group = group;
            this.artifact = artifact;
        }

        String version() {
            String props = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
            Properties p = new Properties();
            try (InputStream in = StatusPage.class.getResourceAsStream(props)) {
                if (in == null) {
                    throw new IllegalStateException("webjar " + group + ":" + artifact + " is not on the classpath");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + props, e);
            }
            return p.getProperty("version");
        }

        byte[] read(String file) {
            String path = "/META-INF/resources/webjars/" + artifact + "/" + version() + "/" + file;
            try (InputStream in = StatusPage.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("webjar " + artifact + " has no " + file);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }
}
