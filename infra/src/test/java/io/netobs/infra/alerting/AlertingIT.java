package io.netobs.infra.alerting;

import io.netobs.infra.fixture.FixtureFaults;
import io.netobs.infra.fixture.PipelineFixture;
import io.netobs.infra.fixture.SharedPipeline;
import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus and Alertmanager, the real binaries with the shipped files, on the JVM's shared offline pipeline.
 *
 * <p>Time is scaled: the pipeline replays its BGP recording {@link PipelineFixture#TIME_SCALE} times faster than
 * recorded, and {@link StackOverride} divides every {@code for:}, range, rule-group interval, scrape and evaluation
 * interval and Alertmanager timer by the same factor, so each wall second here stands for that many seconds of a real
 * deployment: the "10 minutes of a healthy run" take 60 s (the check watches 20, see HEALTHY_RUN). The canary agent's own probe intervals and the
 * pipeline's processing latency are not scaled; the target a test stops is probed every 5 s.
 *
 * <p>The tests run in order on one Prometheus: the healthy-run check comes before the tests that inject faults.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingIT {
    private static final TimeScale SCALE = new TimeScale(PipelineFixture.TIME_SCALE);
    /**
     * The 10 minutes, and 10 more: the replay's longest events (2 of 3 peers withdraw 154.70.0.0/21 for nearly
     * all of each loop) open about 6.5 scaled minutes into a loop and pass the 5-minute `for:` of their alert after 11.5,
     * so on a freshly started pipeline the first 10 minutes alone would show only the fixture's own faults.
     */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(20).dividedBy(SCALE.factor());
    private static final Path INFRA = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    /** The fixture's own prefix and group, which nothing else announces; hijacked here at peers .21 and .22. */
    private static final String HIJACKED = PipelineFixture.FIXTURE_PREFIX;
    private static final String GROUP = PipelineFixture.FIXTURE_GROUP;
    private static final int HIJACK_PEER = 21;

    private PipelineFixture pipeline;
    private MonitoringStack stack;
    private BgpEventLog events;

    @BeforeAll
    void startPrometheusAndAlertmanager(PipelineFixture pipeline, @TempDir Path dir) throws Exception {
        MonitoringStack.assumeInstalled();
        this.pipeline = pipeline;
        // The test's own group, as an operator adds one (prometheus.yml): its stoppable target stands for a service
        // hosted in the fixture's prefix. The shipped groups are busy: the replay's visibility losses (recordings) and
        // the fixture's hijack (seed) inhibit their canary alerts all along.
        stack = MonitoringStack.start(pipeline, INFRA, SCALE, dir, List.of(
                StackOverride.groupRule("target", pipeline.switchableTarget().url().replace(".", "\\."), GROUP),
                StackOverride.groupRule("prefix", "203\\.0\\.113\\.[0-9]+/[0-9]+", GROUP)));
        events = new BgpEventLog(pipeline.bootstrapServers());
        Poll.until(Duration.ofSeconds(60), "every scrape job up", () -> stack.prometheus.query("up"),
                up -> up.size() == 5 && up.stream().allMatch(s -> s.value() == 1));
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.switchableTarget().start();
        if (events != null) {
            events.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** A counter born at 1 hides its first increment from increase(): each one an alert reads exists at 0 first. */
    @Test
    @Order(1)
    void everyCounterAnAlertReadsIsScrapedAtZeroBeforeItsFirstEvent() throws Exception {
        // Label values known in advance that no input of this run has touched yet.
        Map<String, String> untouched = new TreeMap<>(Map.of(
                "canary_status_total", "canary_status_total{target=\"" + pipeline.switchableTarget().url() + "\",status!=\"SUCCESS\"}",
                "netobs_dead_letters_total", "netobs_dead_letters_total{topic=\"bgp-updates\"}",
                "netobs_bgp_ingest_frames_total", "netobs_bgp_ingest_frames_total{result=\"dead_letter\"}",
                "netobs_label_overflow_total", "netobs_label_overflow_total",
                "netobs_agent_results_dropped_total", "netobs_agent_results_dropped_total",
                "netobs_bgp_events_opened_total", "netobs_bgp_events_opened_total{prefix=\"8.8.8.0/24\"}"));
        assertThat(untouched.keySet()).as("counters read by the rules (add a row for a new one)").containsAll(ShippedRules.counterNames(INFRA));
        Map<String, String> problems = new TreeMap<>();
        try {
            // Every job is up; the streams app's stores may still be opening, so give its families a few scrapes.
            Poll.until(Duration.ofSeconds(20), "a series for each of " + untouched.values(),
                    () -> untouched.values().stream().filter(q -> stack.prometheus.query(q).isEmpty()).toList(), List::isEmpty);
        } catch (AssertionError e) {
            // reported per counter below
        }
        for (Map.Entry<String, String> e : untouched.entrySet()) {
            List<PrometheusApi.Sample> found = stack.prometheus.query(e.getValue());
            if (found.isEmpty()) {
                problems.put(e.getKey(), "no series " + e.getValue() + " before any event");
            } else if (found.stream().anyMatch(s -> s.value() != 0)) {
                problems.put(e.getKey(), "not 0: " + found);
            }
        }
        assertThat(problems).as("counters an alert reads, not exported from 0").isEmpty();
    }

    @Test
    @Order(2)
    void aHealthyOfflineRunFiresOnlyWhatItsInputContainsWithTheEventsSeverities() throws Exception {
        AlertExplainer explainer = new AlertExplainer(pipeline.failingTargets());
        Map<String, String> explained = new TreeMap<>();
        Map<String, String> unexplained = new TreeMap<>();
        Set<String> fromReplay = new TreeSet<>();
        Instant end = stack.started.plus(HEALTHY_RUN);
        while (Instant.now().isBefore(end)) {
            List<BgpEvent> known = List.copyOf(events.all().values());
            List<BgpEvent> replaced = events.replacedSince(System.currentTimeMillis() - AlertExplainer.CLOSE_LAG_MS);
            for (PrometheusApi.Alert a : stack.prometheus.firing()) {
                AlertExplainer.Verdict v = explainer.explain(a, known, replaced, System.currentTimeMillis());
                (v.explained() ? explained : unexplained).putIfAbsent(a.labels().toString(), v.explained() ? v.explanation() : v.problem());
                if (v.explained() && AlertExplainer.isBgpRouteAlert(a.name()) && "recordings".equals(a.labels().get("group"))) {
                    fromReplay.add(a.labels().toString());
                }
            }
            TimeUnit.SECONDS.sleep(2); // sampling the alerts every 2 s (20 s of real time), not waiting for a result
        }
        System.out.printf("AlertingIT: %s of healthy offline run (20 min scaled by %d): %d alerts fired, %d unexplained:%n",
                HEALTHY_RUN, SCALE.factor(), explained.size() + unexplained.size(), unexplained.size());
        explained.forEach((alert, why) -> System.out.println("  " + alert + " <- " + why));
        System.out.print(events.describeHistory(stack.started));
        assertThat(unexplained).as("alerts of a healthy offline run that its input does not explain").isEmpty();
        assertThat(fromReplay).as("alerts from the replay's own events (group recordings)").isNotEmpty();
    }

    @Test
    @Order(3)
    void everyRecordingRuleProducesItsSeries() throws Exception {
        for (String record : ShippedRules.recordedNames(INFRA)) {
            Poll.until(Duration.ofSeconds(120), "recording rule " + record + " has series",
                    () -> stack.prometheus.query(record), r -> !r.isEmpty());
        }
    }

    @Test
    @Order(4)
    void everyGrafanaPanelQueryReturnsData() {
        List<PanelQueries.Query> checked = new ArrayList<>();
        List<PanelQueries.Query> empty = new PanelQueries(stack.prometheus, stack.started, Duration.ofSeconds(3))
                .withoutData(INFRA.resolve("grafana/dashboards"), checked);
        System.out.printf("AlertingIT: %d panel queries, %d without data in this scenario%n", checked.size(), empty.size());
        assertThat(checked).hasSizeGreaterThan(70);
        // The fixture's inputs (HTTPS and failing targets, unparseable record, hijack, VRP file) leave no panel empty.
        assertThat(empty).as("panel queries without data over this run").isEmpty();
    }

    @Test
    @Order(5)
    void theSeedQueriesOfTheReadmeReturnData() throws Exception {
        List<String> queries = SeedData.readmeQueries(INFRA.getParent().resolve("README.md"));
        assertThat(queries).hasSize(8).anyMatch(q -> q.contains("8.8.8.8"));
        SeedData.publish(pipeline.bootstrapServers());
        for (String q : queries) {
            Poll.until(Duration.ofSeconds(60), "README query " + q + " returns data", () -> stack.prometheus.query(q), r -> !r.isEmpty());
        }
        // prometheus.yml's shipped groups on the real scrape: the seed's canary target and the replay's prefixes.
        assertThat(stack.prometheus.query("canary_latency_ms{target=\"8.8.8.8\",group=\"seed\"}")).isNotEmpty();
        assertThat(stack.prometheus.query("bgp_prefix_visible_peers{prefix=\"154.70.0.0/21\",group=\"recordings\"}")).isNotEmpty();
    }

    @Test
    @Order(6)
    void theFirstDeadLetterFiresItsAlertAndReachesThePlatformReceiver() throws Exception {
        String series = "netobs_dead_letters_total{topic=\"bgp-updates\",reason=\"not_json\"}";
        assertThat(stack.prometheus.query(series)).as(series + " before the first dead letter")
                .isNotEmpty().allMatch(s -> s.value() == 0);
        DeadLetters.sendNotJson(pipeline.bootstrapServers());
        Instant sent = Instant.now();
        Poll.until(Duration.ofSeconds(60), "NetobsDeadLetters for bgp-updates delivered to netobs-platform",
                stack.webhook::delivered, d -> d.stream().anyMatch(n -> n.receiver().equals("netobs-platform")
                        && n.labels().get("alertname").equals("NetobsDeadLetters") && "bgp-updates".equals(n.labels().get("topic"))));
        System.out.printf("AlertingIT: first dead letter delivered by Alertmanager after %d ms%n", Duration.between(sent, Instant.now()).toMillis());
    }

    @Test
    @Order(7)
    void aStoppedTargetFiresTargetDownAndAlertmanagerDeliversIt() throws Exception {
        Instant stopped = targetDownFiring();
        Poll.until(Duration.ofSeconds(30), "NetobsTargetDown delivered to netobs-critical", stack.webhook::delivered,
                d -> d.stream().anyMatch(n -> n.receiver().equals("netobs-critical") && n.status().equals("firing")
                        && n.labels().get("alertname").equals("NetobsTargetDown")
                        && pipeline.switchableTarget().url().equals(n.labels().get("target"))));
        System.out.printf("AlertingIT: target stopped -> NetobsTargetDown delivered in %d ms%n", Duration.between(stopped, Instant.now()).toMillis());
    }

    @Test
    @Order(8)
    void aBgpHijackFiresAndInhibitsTheCanaryAlertsOfItsGroupOnly() throws Exception {
        targetDownFiring();
        String target = pipeline.switchableTarget().url();
        try {
            FixtureFaults.announce(pipeline.bootstrapServers(), HIJACKED, FixtureFaults.HIJACK_ORIGIN, BgpUpdate.Kind.ANNOUNCE,
                    HIJACK_PEER, "alerting-it");
            Instant injected = Instant.now();
            Poll.until(Duration.ofSeconds(60), "NetobsBgpOriginHijack for " + HIJACKED + " (group " + GROUP + ", critical)",
                    stack.prometheus::firing, f -> f.stream().anyMatch(a -> a.name().equals("NetobsBgpOriginHijack")
                            && HIJACKED.equals(a.labels().get("prefix")) && GROUP.equals(a.labels().get("group"))
                            && "critical".equals(a.labels().get("severity"))));
            List<AlertmanagerApi.Alert> held = Poll.until(Duration.ofSeconds(30),
                    "Alertmanager suppresses NetobsTargetDown of " + target + " by the hijack", stack.alertmanager::alerts,
                    all -> inhibitedBy(all, target, "NetobsBgpOriginHijack"));
            System.out.printf("AlertingIT: hijack injected -> canary alert of its group inhibited in %d ms%n",
                    Duration.between(injected, Instant.now()).toMillis());
            // The fixture's refused TCP target is in no group: a BGP alert must not silence it.
            assertThat(held).filteredOn(a -> a.name().equals("NetobsTargetDown") && pipeline.failingTargets().contains(a.labels().get("target")))
                    .isNotEmpty().allMatch(a -> a.state().equals("active"));
            Poll.until(Duration.ofSeconds(30), "the hijack delivered to netobs-critical", stack.webhook::delivered,
                    d -> d.stream().anyMatch(n -> n.receiver().equals("netobs-critical") && n.labels().get("alertname").equals("NetobsBgpOriginHijack")));
        } finally {
            // Leave the pipeline as found for the next IT: the hijack withdrawn, the service back.
            FixtureFaults.announce(pipeline.bootstrapServers(), HIJACKED, FixtureFaults.HIJACK_ORIGIN, BgpUpdate.Kind.WITHDRAW,
                    HIJACK_PEER, "alerting-it");
            pipeline.switchableTarget().start();
        }
    }

    /** Stops the switchable target unless already stopped, and returns once its NetobsTargetDown fires. */
    private Instant targetDownFiring() throws InterruptedException {
        String target = pipeline.switchableTarget().url();
        Instant stopped = Instant.now();
        if (pipeline.switchableTarget().up()) {
            Poll.until(Duration.ofSeconds(90), "availability of " + target + " recorded as 1 before it stops",
                    () -> stack.prometheus.query("netobs:target_availability:ratio_5m{target=\"" + target + "\"}"),
                    r -> r.size() == 1 && r.get(0).value() == 1);
            pipeline.switchableTarget().stop();
            stopped = Instant.now();
        }
        Poll.until(Duration.ofSeconds(90), "NetobsTargetDown of " + target + " (critical, group " + GROUP + ")", stack.prometheus::firing,
                f -> f.stream().anyMatch(a -> a.name().equals("NetobsTargetDown") && target.equals(a.labels().get("target"))
                        && "critical".equals(a.labels().get("severity")) && GROUP.equals(a.labels().get("group"))));
        return stopped;
    }

    private static boolean inhibitedBy(List<AlertmanagerApi.Alert> alerts, String target, String sourceAlert) {
        List<String> sources = alerts.stream().filter(a -> a.name().equals(sourceAlert)).map(AlertmanagerApi.Alert::fingerprint).toList();
        return alerts.stream().anyMatch(a -> a.name().equals("NetobsTargetDown") && target.equals(a.labels().get("target"))
                && a.state().equals("suppressed") && a.inhibitedBy().stream().anyMatch(sources::contains));
    }
}
