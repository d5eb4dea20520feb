package io.netobs.streams.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page's files as a browser gets them: served, with the right content types, reading only /api. */
class StatusPageTest {
    private static final List<String> PAGES = List.of("index.html", "target.html", "bgp.html");
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#?]+)\"");
    private static final Pattern API_CALL = Pattern.compile("getJson\\(([^)]*)\\)");

    private static Javalin app() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            StatusPage.addTo(config);
        });
    }

    private static String header(Response resp, String name) {
        List<String> values = resp.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every file of the page, by name, as built into the jar. */
    private static Map<String, String> files() throws IOException, URISyntaxException {
        Path dir = Path.of(StatusPage.class.getResource(StatusPage.DIRECTORY).toURI());
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void shouldServeTheOverviewAtTheRootAsHtmlWithAPolicy() {
        JavalinTest.test(app(), (server, client) -> {
            var resp = client.get("/");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(header(resp, "Content-Type")).startsWith("text/html");
            assertThat(header(resp, "Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'");
            assertThat(resp.body().string()).contains("<table id=\"overview\"", "<script src=\"overview.js\">");
        });
    }

    @Test
    void shouldServeEveryFileThePagesReferenceWithItsContentType() {
        JavalinTest.test(app(), (server, client) -> {
            List<String> checked = new ArrayList<>();
            for (String page : PAGES) {
                var resp = client.get("/" + page);
                assertThat(resp.code()).as(page).isEqualTo(200);
                assertThat(header(resp, "Content-Type")).as(page).startsWith("text/html");
                Matcher m = REFERENCE.matcher(resp.body().string());
                while (m.find()) {
                    String ref = m.group(1);
                    if (ref.equals("./") || ref.endsWith(".html") || ref.startsWith("data:")) {
                        continue; // navigation between the pages (checked above), the empty inline favicon
                    }
                    var file = client.get("/" + ref);
                    assertThat(file.code()).as(page + " -> " + ref).isEqualTo(200);
                    String type = header(file, "Content-Type");
                    assertThat(type).as(ref).startsWith(ref.endsWith(".js") ? "text/javascript" : "text/css");
                    assertThat(header(file, "X-Content-Type-Options")).as(ref).isEqualTo("nosniff");
                    checked.add(ref);
                }
            }
            assertThat(checked).contains("common.js", "overview.js", "target.js", "bgp.js", "charts.js", "paths.js",
                    "netobs.css", "vendor/uplot.js", "vendor/uplot.css");
        });
    }

    @Test
    void shouldServeUplotFromItsWebjar() {
        JavalinTest.test(app(), (server, client) -> {
            String js = client.get("/vendor/uplot.js").body().string();
            assertThat(js).contains("uPlot").hasSizeGreaterThan(10_000);
            assertThat(client.get("/vendor/uplot.css").body().string()).contains(".uplot");
        });
    }

    @Test
    void shouldAnswer404ForAFileThatIsNotThere() {
        JavalinTest.test(app(), (server, client) -> assertThat(client.get("/nothing-here.js").code()).isEqualTo(404));
    }

    @Test
    void shouldReadOnlyRelativeApiUrls() throws Exception {
        Map<String, String> files = files();
        assertThat(files.keySet()).containsAll(PAGES).contains("common.js");
        int fetches = 0;
        List<String> calls = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String text = f.getValue();
            // No absolute or protocol-relative URL: nothing leaves this app's origin.
            assertThat(text).as(f.getKey()).doesNotContain("://").doesNotContainPattern("(?:src|href)=\"//");
            assertThat(text).as(f.getKey()).doesNotContain("XMLHttpRequest", "EventSource", "WebSocket", "import(");
            fetches += text.split("fetch\\(", -1).length - 1;
            Matcher m = API_CALL.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals("path")) { // the definition itself
                    calls.add(f.getKey() + ": " + m.group(1));
                }
            }
        }
        // One fetch, inside getJson, which refuses anything but /api/...
        assertThat(fetches).isEqualTo(1);
        assertThat(files.get("common.js")).contains("if (!path.startsWith(API))", "const API = '/api/';");
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call).containsPattern(": '/api/[a-z/]+'"));
        // The target page reads its traceroute paths from the path route, relative like the rest.
        assertThat(calls).contains("target.js: '/api/paths/' + pathOf(target");
    }
}
