package io.netobs.streams.fault;

import io.netobs.schema.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Gives a fault test a clean slate on a shared cluster: every topic of earlier tests (netobs topics,
 * the internal topics of earlier application ids) is deleted and the netobs topics are created anew.
 * Topic names are fixed constants, so tests cannot use topics of their own.
 */
final class TopicAdmin {
    private TopicAdmin() {
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "netobs-fault-admin");
        return Admin.create(p);
    }

    /**
     * Deletes every non-internal topic, waits until they are gone, then creates the netobs topics with
     * {@code partitions} partitions (the dead-letter topic with one, so its order is the refusal order)
     * and {@code replication} replicas. Retention is unlimited: fuzzed records carry timestamps decades
     * old, which time-based retention would delete before the test reads them.
     */
    static void recreate(String bootstrap, int partitions, short replication, Map<String, String> extraConfig)
            throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> old = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!old.isEmpty()) {
                admin.deleteTopics(old).all().get(30, TimeUnit.SECONDS);
                Poll.until("deleted topics gone: " + old, Duration.ofSeconds(30), 100,
                        () -> admin.listTopics().names().get(10, TimeUnit.SECONDS), names -> names.stream().noneMatch(old::contains));
            }
            Map<String, String> config = new HashMap<>(extraConfig);
            config.put("retention.ms", "-1");
            List<NewTopic> topics = new ArrayList<>();
            for (String t : Topics.ALL) {
                topics.add(new NewTopic(t, t.equals(Topics.DEAD_LETTERS) ? 1 : partitions, replication).configs(config));
            }
            // A deletion may still be settling on a broker: retry the creation until it is accepted.
            Poll.until("netobs topics created", Duration.ofSeconds(30), 200, () -> {
                try {
                    admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                return admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS);
            }, d -> d.size() == Topics.ALL.size() && d.values().stream()
                    .allMatch(t -> t.partitions().size() == (t.name().equals(Topics.DEAD_LETTERS) ? 1 : partitions)));
        }
    }
}
