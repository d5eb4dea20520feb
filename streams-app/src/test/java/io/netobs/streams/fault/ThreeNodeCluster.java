package io.netobs.streams.fault;

import java.nio.file.Path;
import java.util.Map;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Three brokers and one controller of Apache Kafka in this JVM (Kafka's own KafkaClusterTestKit,
 * from kafka-test-common-runtime), replicated as production is: replication 3 and
 * min.insync.replicas 2 for every topic including the offsets and transaction logs. Brokers listen
 * on 127.0.0.1 only. A broker can be stopped and started again while the others serve.
 */
final class ThreeNodeCluster implements AutoCloseable {
    private final KafkaClusterTestKit kit;

    private ThreeNodeCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    static ThreeNodeCluster start(Path dir) throws Exception {
        TestKitNodes probe = new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1)
                .setNumBrokerNodes(3).build();
        // Loopback addresses, advertised as such: the test kit's own default is the name "localhost".
        Map<Integer, Map<String, String>> listeners = new java.util.HashMap<>();
        probe.brokerNodes().keySet().forEach(id -> listeners.put(id,
                Map.of("listeners", probe.brokerListenerName().value() + "://127.0.0.1:0")));
        probe.controllerNodes().keySet().forEach(id -> listeners.put(id,
                Map.of("listeners", probe.controllerListenerName().value() + "://127.0.0.1:0")));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(3)
                .setBaseDirectory(dir)
                .setPerServerProperties(listeners)
                .build();
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes);
        Map.ofEntries(
                Map.entry("default.replication.factor", "3"),
                Map.entry("min.insync.replicas", "2"),
                Map.entry("offsets.topic.replication.factor", "3"),
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "3"),
                Map.entry("transaction.state.log.min.isr", "2"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("log.segment.bytes", Integer.toString(16 * 1024 * 1024)))
                .forEach(b::setConfigProp);
        KafkaClusterTestKit kit = b.build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        return new ThreeNodeCluster(kit);
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Stops one broker (a controlled shutdown: its partitions' leadership moves first); its data is kept. */
    void stopBroker(int id) {
        BrokerServer b = kit.brokers().get(id);
        b.shutdown();
        b.awaitShutdown();
    }

    void startBroker(int id) {
        kit.brokers().get(id).startup();
    }

    java.util.Set<Integer> brokerIds() {
        return kit.brokers().keySet();
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the cluster", e);
        }
    }
}
