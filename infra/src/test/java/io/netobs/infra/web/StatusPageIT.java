package io.netobs.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;

/**
 * The status page in a real browser (Debian's headless Chromium) against the real pipeline, offline: the
 * overview lists the loopback targets, a target page draws its charts from closed windows, a service the
 * IT stops turns down within a window without a reload, and a hijack of the IT's prefix appears among the
 * open BGP events. It looks only at its own service and prefix (and at the shipped loopback targets, which
 * every run has), so other tests may share the pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageIT {
    /** Start-up, first results and the first closed window (20 s + 2 s grace) on a busy 2-core machine. */
    private static final Duration FIRST_DATA = Duration.ofSeconds(120);
    /** The page polls /api every 5 s. */
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final String ROWS = "return [...document.querySelectorAll('#overview tbody tr')]"
            + ".map(r => r.dataset.target + ' ' + r.dataset.type + ' ' + r.dataset.state)";

    private Path workDir;
    private OwnPipeline pipeline;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        Browser.assumeInstalled();
        workDir = Files.createTempDirectory("netobs-statuspage-it");
        pipeline = OwnPipeline.start(workDir);
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> rows() {
        return (List<String>) browser.js(ROWS);
    }

    @Test
    @Order(1)
    void overviewListsTheLoopbackTargets() {
        browser.driver.get(pipeline.baseUrl());
        int port = pipeline.run.streamsHttpPort();
        String mine = pipeline.service.url() + " http up";
        String health = "http://127.0.0.1:" + port + "/health http ";
        String tcp = "127.0.0.1:" + port + " tcp ";
        String dns = "netobs.test dns ";
        long t0 = System.nanoTime();
        browser.await(FIRST_DATA, () -> "the overview lists the IT's service (up) and the shipped loopback targets; rows: "
                + rows(), d -> {
                    List<String> rows = rows();
                    return rows.contains(mine) && rows.stream().anyMatch(r -> r.startsWith(health))
                            && rows.stream().anyMatch(r -> r.startsWith(tcp)) && rows.stream().anyMatch(r -> r.startsWith(dns));
                });
        System.out.printf("StatusPageIT: overview lists the targets after %d ms: %s%n", ms(t0), rows());
        assertThat((String) browser.js("return document.getElementById('live').textContent")).startsWith("updated");
        // Everything the page loaded came from the app itself.
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(pipeline.baseUrl()));
        assertThat(loaded).anySatisfy(url -> assertThat(url).endsWith("/api/status"));

        // On a phone the rows become cards: no header row, one labelled line per value.
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.await(Duration.ofSeconds(10), () -> "narrow layout", d ->
                "none".equals(browser.js("return getComputedStyle(document.querySelector('#overview thead')).display")));
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(2)
    void targetPageDrawsItsChartsWithDataPoints() {
        String url = pipeline.service.url();
        browser.driver.get(pipeline.baseUrl() + "target.html?target=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        browser.await(FIRST_DATA, () -> "latency and availability charts of " + url + " with data points", d -> Boolean.TRUE.equals(
                browser.js("const q = id => document.querySelector('[data-chart=\"' + id + '\"]');"
                        + "return ['latency-http', 'availability-http'].every(id => q(id) && Number(q(id).dataset.points) > 0"
                        + " && q(id).querySelector('canvas') !== null)")));
        System.out.printf("StatusPageIT: target page charts drawn after %d ms%n", ms(t0));
        // The data uPlot draws: across-canary p50 latencies, and 100 % availability for a service that answers.
        @SuppressWarnings("unchecked")
        List<Number> p50 = (List<Number>) browser.js(
                "return window.netobsCharts['latency-http'].data[1].filter(v => v !== null)");
        assertThat(p50).isNotEmpty().allSatisfy(v -> assertThat(v.doubleValue()).isPositive());
        // The time axis spans the windows drawn (a minute either side of a single one), not uPlot's default for a
        // single point, which is years wide.
        @SuppressWarnings("unchecked")
        List<Number> axis = (List<Number>) browser.js("const u = window.netobsCharts['latency-http'], xs = u.data[0];"
                + "return [u.scales.x.min, u.scales.x.max, xs[0], xs[xs.length - 1]]");
        assertThat(axis.get(0).doubleValue()).as("x axis start vs first window " + axis).isBetween(axis.get(2).doubleValue() - 60,
                axis.get(2).doubleValue());
        assertThat(axis.get(1).doubleValue()).as("x axis end vs last window " + axis).isBetween(axis.get(3).doubleValue(),
                axis.get(3).doubleValue() + 60);
        // The availability line is the API's across-canary availability of the same windows, in percent
        // (not a fixed 100 %: on a loaded machine a probe of the live service may time out).
        @SuppressWarnings("unchecked")
        List<List<Number>> drawnAndServed = (List<List<Number>>) browser.js(
                "const chart = window.netobsCharts['availability-http'].data;"
                        + "return fetch('api/history/' + encodeURIComponent(arguments[0])).then(r => r.json()).then(h => {"
                        + "  const served = new Map(h.windows.filter(w => w.type === 'http' && !w.canary_id)"
                        + "      .map(w => [w.window_start_ms / 1000, 100 * w.availability]));"
                        + "  return chart[0].map((x, i) => [chart[1][i], served.get(x)])"
                        + "      .filter(p => p[0] !== null && p[1] !== undefined); })", url);
        assertThat(drawnAndServed).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get(0).doubleValue()).isBetween(0.0, 100.0).isCloseTo(p.get(1).doubleValue(), within(1e-9));
        });
        assertThat((String) browser.js("return document.querySelector('#probe-http .details').textContent"))
                .contains("HTTP phases", "local-agent-01");
    }

    @Test
    @Order(3)
    void stoppingTheServiceTurnsItsRowDownWithinAWindow() {
        browser.driver.get(pipeline.baseUrl());
        String url = pipeline.service.url();
        browser.await(FIRST_DATA, () -> url + " up before it is stopped; rows: " + rows(), d -> rows().contains(url + " http up"));
        browser.js("window.notReloaded = true");

        long t0 = System.nanoTime();
        pipeline.service.stop();
        browser.await(OwnPipeline.WINDOW.plus(POLL), () -> url + " down within a window (+ one poll) of the stop; rows: "
                + rows(), d -> rows().contains(url + " http down"));
        long took = ms(t0);
        System.out.printf("StatusPageIT: stopped service shown down after %d ms (window %s)%n", took, OwnPipeline.WINDOW);
        assertThat(browser.js("return window.notReloaded === true")).as("updated in place, not reloaded").isEqualTo(true);
        String why = (String) browser.js("return document.querySelector('#overview tr[data-target=\"' + arguments[0]"
                + " + '\"][data-type=\"http\"] td.why').textContent", url);
        assertThat(why).contains("latest result");
    }

    @Test
    @Order(4)
    void aHijackOfTheItsPrefixShowsUpInTheEventsList() throws Exception {
        browser.driver.get(pipeline.baseUrl() + "bgp.html");
        String id = "ORIGIN_HIJACK|" + OwnPipeline.PREFIX + "|AS64666";
        sendHijack(pipeline.run.bootstrapServers());
        long t0 = System.nanoTime();
        browser.await(Duration.ofSeconds(60), () -> "open event " + id + " listed; events: " + browser.js(
                "return document.querySelector('#events tbody').textContent"), d -> Boolean.TRUE.equals(browser.js(
                "return document.querySelector('#events tr[data-event-id=\"' + arguments[0] + '\"]') !== null", id)));
        System.out.printf("StatusPageIT: hijack listed after %d ms%n", ms(t0));
        String row = (String) browser.js(
                "return document.querySelector('#events tr[data-event-id=\"' + arguments[0] + '\"]').textContent", id);
        assertThat(row).contains("critical", "ORIGIN_HIJACK", OwnPipeline.PREFIX, "AS64666", "AS" + OwnPipeline.EXPECTED_ORIGIN);
        String prefixRow = (String) browser.js(
                "return document.querySelector('#prefixes tr[data-prefix=\"' + arguments[0] + '\"]').textContent",
                OwnPipeline.PREFIX);
        assertThat(prefixRow).contains("2 / 2", "AS64666 (2)", "ORIGIN_HIJACK 1");
    }

    @Test
    @Order(5)
    void targetPageShowsTheTraceroutePathOfLoopback() {
        Assumptions.assumeTrue(OwnPipeline.TRACES, "needs traceroute or mtr: apt-get install -y traceroute mtr-tiny");
        String target = OwnPipeline.TRACED;
        browser.driver.get(pipeline.baseUrl() + "target.html?target=" + target);
        String path = "#probe-traceroute .path[data-canary=\"local-agent-01\"]";
        long t0 = System.nanoTime();
        browser.await(FIRST_DATA, () -> "hop table of " + target + "; traceroute section: " + browser.js(
                "const s = document.getElementById('probe-traceroute'); return s && s.textContent"),
                d -> Boolean.TRUE.equals(browser.js("return document.querySelector(arguments[0]"
                        + " + ' tbody tr[data-ttl=\"1\"]') !== null", path)));
        System.out.printf("StatusPageIT: traceroute path of %s shown after %d ms%n", target, ms(t0));
        @SuppressWarnings("unchecked")
        List<List<String>> hops = (List<List<String>>) browser.js("return [...document.querySelectorAll(arguments[0]"
                + " + ' tbody tr')].map(r => [...r.cells].map(c => c.textContent))", path);
        // Loopback answers at TTL 1: one hop, the destination, with a latency and a loss figure.
        assertThat(hops).hasSize(1);
        assertThat(hops.get(0)).hasSize(4);
        assertThat(hops.get(0).get(0)).isEqualTo("1");
        assertThat(hops.get(0).get(1)).isEqualTo(target + "destination");
        assertThat(hops.get(0).get(2)).matches("\\d+\\.\\d+ ms");
        assertThat(hops.get(0).get(3)).matches("\\d+(\\.\\d)? %");
        assertThat((String) browser.js("return document.querySelector(arguments[0] + ' .facts').textContent", path))
                .contains("reached in 1 hop", "path changes0");
    }

    /** Two peers announce the IT's prefix from AS64666, as the ingester would publish it (minPeers is 2). */
    private static void sendHijack(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, BgpUpdate> producer = new KafkaProducer<>(props, new StringSerializer(),
                PayloadSerdes.BGP_UPDATE.serializer())) {
            for (int peer = 1; peer <= 2; peer++) {
                BgpUpdate u = new BgpUpdate(BgpUpdate.SCHEMA_VERSION, now, "rrc00", "ris", "192.0.2.10" + peer,
                        64600 + peer, BgpUpdate.Kind.ANNOUNCE, OwnPipeline.PREFIX, List.of(64600L + peer, 64666L), null,
                        List.of(64666L), "192.0.2.10" + peer, null, "statuspage-it");
                producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, null, now, u.prefix(), u)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
