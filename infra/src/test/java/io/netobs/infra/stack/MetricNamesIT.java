package io.netobs.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.infra.fixture.PipelineFixture;
import io.netobs.infra.fixture.SharedPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Every metric name the dashboards and rules read is exposed by the real pipeline: the JVM's shared offline run
 * ({@link PipelineFixture}: broker, streams app, canary agent with the default probes plus the fixture's HTTPS and
 * refused-TCP targets, BGP replay, and the fixture's unparseable record and hijack), whose three /metrics endpoints are
 * scraped until canary and BGP series appear and every used name shows up, or the deadline passes. Families without
 * series are not exposed, so a name the offline run never produces fails here: that is the point.
 */
@ExtendWith(SharedPipeline.class)
class MetricNamesIT {
    /** Window results need a closed window (1 minute + 30 s grace by default), so allow a few of them. */
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyNameUsedByDashboardsAndRulesIsInARealScrape(PipelineFixture run) throws Exception {
        Map<String, String> used = UsedMetricNames.collect();
        int[] ports = {run.streamsHttpPort(), run.agentHttpPort(), run.ingestHttpPort()};
        Instant deadline = Instant.now().plus(DEADLINE);
        Set<String> exposed = new TreeSet<>();
        Map<String, String> missing = new TreeMap<>(used);
        Map<Integer, String> problems = new TreeMap<>();
        boolean pipelineFlowing = false;
        while (Instant.now().isBefore(deadline)) {
            exposed.clear();
            problems.clear();
            StringBuilder streams = new StringBuilder();
            for (int port : ports) {
                String body = scrape(port, problems);
                if (port == ports[0]) {
                    streams.append(body);
                }
                exposed.addAll(ExpositionNames.of(body));
            }
            pipelineFlowing = streams.indexOf("\ncanary_status_total{") >= 0 && streams.indexOf("\nbgp_prefix_visible_peers{") >= 0;
            missing.clear();
            used.forEach((name, source) -> {
                if (!UsedMetricNames.SYNTHETIC.contains(name) && !PromQlNames.exposed(name, exposed)) {
                    missing.put(name, source);
                }
            });
            if (pipelineFlowing && missing.isEmpty()) {
                break;
            }
            TimeUnit.SECONDS.sleep(2); // poll interval, not a wait for a result
        }
        System.out.printf("MetricNamesIT: %d names used by rules and dashboards, %d names exposed by the pipeline%n",
                used.size(), exposed.size());
        assertThat(missing).as("names used by rules/dashboards but not exposed (name -> first use); "
                + "last scrape problems (port -> problem): " + problems).isEmpty();
        assertThat(pipelineFlowing).as("canary and BGP series on the streams app within " + DEADLINE).isTrue();
    }

    /** The exposition, or "" with the reason recorded in {@code problems}. */
    private static String scrape(int port, Map<Integer, String> problems) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain; version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            String body = response.body();
            problems.put(port, "HTTP " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
        } catch (IOException e) {
            problems.put(port, e.toString()); // not listening yet, or failing
        }
        return "";
    }

}
