package io.netobs.streams.fault;

import io.netobs.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-process KRaft broker for every fault test of this failsafe JVM: a broker start is seconds
 * of CPU on a two-core CI machine. Tests receive it as a {@link Broker} parameter; it is closed when
 * the whole run ends. Each test calls {@link Broker#reset(int)} first, so none sees another's data.
 */
public final class SharedBroker implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedBroker.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Broker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(NS).getOrComputeIfAbsent(Broker.class, k -> Broker.start(), Broker.class);
    }

    /**
     * An empty directory target/faults/{test} for a test's processes (state, logs), where the logs
     * stay for a look after a failure. Emptied first: a streams process must never start on the state
     * of an earlier run, whose changelogs are gone with that run's cluster.
     */
    static Path freshWorkDir(String test) throws IOException {
        Path d = Path.of("target", "faults", test).toAbsolutePath();
        if (Files.exists(d)) {
            try (Stream<Path> all = Files.walk(d)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(d);
    }

    /** The shared broker; it can be stopped and started again on the same data and port. */
    public static final class Broker implements AutoCloseable {
        private final Path dir;
        private final int port;
        private EmbeddedKafka kafka;

        private Broker(Path dir, EmbeddedKafka kafka, int port) {
            this.dir = dir;
            this.kafka = kafka;
            this.port = port;
        }

        static Broker start() {
            try {
                Path dir = Files.createTempDirectory("netobs-faults-");
                EmbeddedKafka k = EmbeddedKafka.start(dir.resolve("kafka"), 0);
                String bs = k.bootstrapServers();
                return new Broker(dir, k, Integer.parseInt(bs.substring(bs.lastIndexOf(':') + 1)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the shared broker", e);
            }
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        /** {@link #freshWorkDir(String)}. */
        public Path workDir(String test) throws IOException {
            return freshWorkDir(test);
        }

        /** Deletes every topic earlier tests left and creates the netobs topics with {@code partitions}. */
        public void reset(int partitions) throws Exception {
            TopicAdmin.recreate(bootstrapServers(), partitions, (short) 1, Map.of());
        }

        /** Controlled shutdown; data and port are kept for {@link #startAgain()}. */
        public synchronized void stop() {
            kafka.stop();
        }

        /** Starts the same node again: same data directory, same port. */
        public synchronized void startAgain() throws Exception {
            kafka = EmbeddedKafka.start(dir.resolve("kafka"), port);
        }

        @Override
        public synchronized void close() throws IOException {
            kafka.stop();
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
