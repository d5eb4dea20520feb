package io.netobs.streams.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-broker cluster in process with every topic (netobs', the app's changelogs and repartition
 * topic with NETOBS_REPLICATION_FACTOR=3, the offsets and transaction logs) at replication 3 and
 * min.insync.replicas 2. Under a live feed the broker leading canary-results-0 is stopped for 10 s
 * and started again: the producers and the app go on with two replicas, nothing is lost or doubled.
 * (The test kit runs the brokers in this JVM, so "stopped" is a controlled shutdown, not a SIGKILL.)
 */
class ReplicatedClusterIT {
    static final int TARGETS = 150;
    static final long WINDOW_MS = 10_000;

    @Test
    void shouldLoseAndDoubleNothingWhenOneOfThreeBrokersIsDown(@TempDir Path tmp) throws Exception {
        long began = System.nanoTime();
        Path dir = SharedBroker.freshWorkDir("replicated");
        try (ThreeNodeCluster cluster = ThreeNodeCluster.start(tmp.resolve("cluster"))) {
            String bootstrap = cluster.bootstrapServers();
            double clusterUp = (System.nanoTime() - began) / 1e9;
            TopicAdmin.recreate(bootstrap, 4, (short) 3, Map.of("min.insync.replicas", "2"));
            try (StreamsProcess app = StreamsProcess.start("replicated", dir, bootstrap, Map.of(
                    "NETOBS_APPLICATION_ID", "netobs-fault-replicated", "NETOBS_REPLICATION_FACTOR", "3",
                    "NETOBS_WINDOW_SIZE", "PT10S", "NETOBS_WINDOW_GRACE", "PT5S", "NETOBS_IDLE_CLOSE_AFTER", "PT5S"));
                 LiveFeed feed = new LiveFeed(bootstrap, "replicated", TARGETS, 300, 3L, new Properties())) {
                app.awaitRunning(Duration.ofSeconds(120));
                Poll.until("results counted", Duration.ofSeconds(60), 200, app::scrape,
                        s -> s.sum("canary_status_total") >= 1000);
                Map<String, String> replication = replication(bootstrap);
                int victim = leaderOf(bootstrap, Topics.CANARY_RESULTS);

                long stoppedAt = System.nanoTime();
                cluster.stopBroker(victim);
                double stopTook = (System.nanoTime() - stoppedAt) / 1e9;
                long before = feed.ackedCount();
                Scrape during = Poll.until("results counted with broker " + victim + " down", Duration.ofSeconds(60), 200,
                        app::scrape, s -> s.sum("canary_status_total") >= before + 1500);
                Poll.until("10 s with a broker down", Duration.ofSeconds(20), 100, () -> System.nanoTime() - stoppedAt,
                        t -> t >= TimeUnit.SECONDS.toNanos(10));
                cluster.startBroker(victim);
                long startedAt = System.nanoTime();
                Poll.until("every partition back to three in-sync replicas", Duration.ofSeconds(90), 250,
                        () -> underReplicated(bootstrap), List::isEmpty);
                double isrBack = (System.nanoTime() - startedAt) / 1e9;
                long back = feed.ackedCount();
                Poll.until("results flowing with all brokers", Duration.ofSeconds(30), 100, feed::ackedCount,
                        n -> n >= back + 300);
                List<Sent> sent = feed.stop();
                ExpectedWindows expected = ExpectedWindows.of(sent, WINDOW_MS);
                Scrape end = Poll.until("all " + sent.size() + " results counted and their windows closed",
                        Duration.ofSeconds(120), 250, app::scrape, s -> s.sum("canary_status_total") >= sent.size()
                                && Windows.lastEnds(s).equals(expected.lastEnds()));
                WindowAudit windows = WindowAudit.of(bootstrap, sent, WINDOW_MS, end);
                System.out.printf("replicated cluster: up in %.1f s; replication and min.insync.replicas per topic %s;"
                                + " broker %d (leader of canary-results-0) stopped in %.1f s and kept down 10 s (%.0f more"
                                + " results counted while it was down), all replicas in sync %.1f s after its start; %d results"
                                + " sent (%d failed sends), counted %.0f; %s; %.1f s%n", clusterUp, replication, victim,
                        stopTook, during.sum("canary_status_total") - before, isrBack, sent.size(), feed.failures(),
                        end.sum("canary_status_total"), windows, (System.nanoTime() - began) / 1e9);

                assertThat(replication).as("every topic at replication 3 and min.insync.replicas 2")
                        .allSatisfy((topic, rf) -> assertThat(rf).as(topic).isEqualTo("3/2"));
                assertThat(replication.keySet()).as("the app's internal topics are among them")
                        .anyMatch(t -> t.endsWith("-changelog")).anyMatch(t -> t.endsWith("-repartition"))
                        .contains("__consumer_offsets", "__transaction_state", Topics.CANARY_AGGREGATES);
                assertThat(feed.failures()).as("failed sends: " + feed.firstFailure()).isZero();
                assertThat(Totals.differences(end, sent)).as("totals per series and status").isEmpty();
                assertThat(windows.doubled()).as("windows published twice").isZero();
                assertThat(windows.excess()).as("windows holding results they should not").isEmpty();
                assertThat(windows.windowed() + windows.late()).as("results in windows + late").isEqualTo(sent.size());
            }
        }
    }

    /** topic -> "replicas/min.insync.replicas" for every topic, internal ones included. */
    private static Map<String, String> replication(String bootstrap) throws Exception {
        try (Admin admin = TopicAdmin.admin(bootstrap)) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            Map<String, String> out = new TreeMap<>();
            for (String n : names) {
                Set<Integer> sizes = new java.util.TreeSet<>();
                d.get(n).partitions().forEach(p -> sizes.add(p.replicas().size()));
                String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, n)).get("min.insync.replicas").value();
                out.put(n, (sizes.size() == 1 ? sizes.iterator().next().toString() : sizes.toString()) + "/" + minIsr);
            }
            return out;
        }
    }

    private static int leaderOf(String bootstrap, String topic) throws Exception {
        try (Admin admin = TopicAdmin.admin(bootstrap)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().get(0).leader().id();
        }
    }

    /** Partitions (of every topic) with fewer than three in-sync replicas. */
    private static List<String> underReplicated(String bootstrap) throws Exception {
        try (Admin admin = TopicAdmin.admin(bootstrap)) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>();
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).forEach((n, td) -> {
                for (TopicPartitionInfo p : td.partitions()) {
                    if (p.isr().size() < 3) {
                        out.add(n + "-" + p.partition());
                    }
                }
            });
            return out;
        }
    }
}
