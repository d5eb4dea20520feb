package io.netobs.canary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.canary.Probes;
import io.netobs.canary.probe.Outcome;
import io.netobs.schema.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's variables with the seed's defaults (nothing here is probed: only the configuration is built). */
class EnvConfigTest {
    @Test
    void shouldUseTheSeedDefaultsWhenNothingIsSet() {
        AgentConfig c = AgentConfig.load(Map.of());
        assertThat(c.source()).isEqualTo("environment");
        assertThat(c.topic()).isEqualTo("canary-results");
        var ping = c.groups().get(0);
        assertThat(ping.type()).isEqualTo("ping");
        assertThat(ping.canaryId()).isEqualTo("ping-canary-local-01");
        assertThat(ping.targets()).extracting(AgentConfig.Target::target).containsExactly("8.8.8.8", "1.1.1.1");
        assertThat(ping.interval()).isEqualTo(Duration.ofSeconds(60));
        var dns = c.groups().get(1);
        assertThat(dns.canaryId()).isEqualTo("dns-canary-local-01");
        assertThat(dns.targets()).extracting(AgentConfig.Target::target).containsExactly("google.com", "github.com", "cloudflare.com");
        assertThat(dns.timeout()).isEqualTo(Duration.ofSeconds(5));
        var http = c.groups().get(2);
        assertThat(http.canaryId()).isEqualTo("http-canary-local-01");
        assertThat(http.targets()).hasSize(3);
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldHonourEverySeedVariable() throws Exception {
        try (var server = io.netobs.canary.LoopbackHttpServer.http()) {
            Map<String, String> env = Map.ofEntries(Map.entry("CANARY_ID", "pop-lhr-01"), Map.entry("KAFKA_TOPIC", "my-topic"),
                    Map.entry("TARGET_HOSTS", "127.0.0.1, ::1"), Map.entry("PING_INTERVAL_SECONDS", "30"),
                    Map.entry("PING_COUNT", "3"), Map.entry("TARGET_DOMAINS", "netobs.test"),
                    Map.entry("DNS_INTERVAL_SECONDS", "45"), Map.entry("QUERY_TYPE", "AAAA"),
                    Map.entry("TARGET_RESOLVER", "127.0.0.1:5353"), Map.entry("QUERY_TIMEOUT_SECONDS", "2"),
                    Map.entry("TARGET_URLS", server.url("/echo")), Map.entry("HTTP_INTERVAL_SECONDS", "20"),
                    Map.entry("REQUEST_TIMEOUT_SECONDS", "4"), Map.entry("EXPECTED_STRING", "GET"),
                    Map.entry("USER_AGENT", "seed-ua/1"));
            AgentConfig c = AgentConfig.load(env);
            assertThat(c.topic()).isEqualTo("my-topic");
            assertThat(c.groups()).allSatisfy(g -> assertThat(g.canaryId()).isEqualTo("pop-lhr-01"));
            assertThat(c.groups().get(0).targets()).extracting(AgentConfig.Target::target).containsExactly("127.0.0.1", "::1");
            assertThat(c.groups().get(0).interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(c.groups().get(1).interval()).isEqualTo(Duration.ofSeconds(45));
            assertThat(c.groups().get(1).timeout()).isEqualTo(Duration.ofSeconds(2));
            var http = c.groups().get(2);
            assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(4));
            // USER_AGENT and EXPECTED_STRING reach the request: the echo endpoint returns method and User-Agent.
            Outcome o = Probes.run(http.probe(), server.url("/echo"), Duration.ofSeconds(2));
            assertThat(o.result().contentMatch()).isTrue();
            Outcome ua = Probes.run(Probes.build("http", Map.of("expected_string", "seed-ua/1", "user_agent", "seed-ua/1")),
                    server.url("/echo"), Duration.ofSeconds(2));
            assertThat(ua.result().contentMatch()).isTrue();
        }
    }

    @Test
    void shouldTakeFractionalTimeoutsAndTheExpectedStringExactlyAsSet() throws Exception {
        try (var server = io.netobs.canary.LoopbackHttpServer.http()) {
            // The body starts with "hello": the seed searched for " hello" as set, leading space included.
            AgentConfig c = AgentConfig.load(Map.of("NETOBS_AGENT_PROBES", "dns,http", "QUERY_TIMEOUT_SECONDS", "2.5",
                    "REQUEST_TIMEOUT_SECONDS", " 1.5 ", "TARGET_URLS", server.url("/text"), "EXPECTED_STRING", " hello"));
            assertThat(c.groups().get(0).timeout()).isEqualTo(Duration.ofMillis(2500));
            var http = c.groups().get(1);
            assertThat(http.timeout()).isEqualTo(Duration.ofMillis(1500));
            Outcome o = Probes.run(http.probe(), server.url("/text"), Duration.ofSeconds(2));
            assertThat(o.result().statusCode()).isEqualTo(200);
            assertThat(o.result().contentMatch()).isFalse();
        }
    }

    @Test
    void shouldSelectSeedCanariesAndRejectBadNumbers() {
        AgentConfig only = AgentConfig.load(Map.of("NETOBS_AGENT_PROBES", "ping", "TARGET_HOSTS", "127.0.0.1"));
        assertThat(only.groups()).hasSize(1);
        assertThatThrownBy(() -> AgentConfig.load(Map.of("PING_COUNT", "many")))
                .isInstanceOf(Env.InvalidValue.class).hasMessage("PING_COUNT=many: not an integer");
        assertThatThrownBy(() -> AgentConfig.load(Map.of("DNS_INTERVAL_SECONDS", "0")))
                .hasMessage("DNS_INTERVAL_SECONDS=0: must be at least 1");
        assertThatThrownBy(() -> AgentConfig.load(Map.of("REQUEST_TIMEOUT_SECONDS", "ten")))
                .hasMessage("REQUEST_TIMEOUT_SECONDS=ten: not a number");
        assertThatThrownBy(() -> AgentConfig.load(Map.of("NETOBS_AGENT_MAX_CONCURRENCY", "0")))
                .hasMessage("NETOBS_AGENT_MAX_CONCURRENCY=0: must be within 1..4096");
        assertThatThrownBy(() -> AgentConfig.load(Map.of("NETOBS_AGENT_SPOOL_MAX_BYTES", "1k")))
                .hasMessage("NETOBS_AGENT_SPOOL_MAX_BYTES=1k: not an integer");
        assertThatThrownBy(() -> AgentConfig.load(Map.of("HTTP_INTERVAL_SECONDS", "5")))
                .hasMessageContaining("timeout 10000ms must be shorter than the interval 5000ms");
        assertThatThrownBy(() -> AgentConfig.load(Map.of("NETOBS_AGENT_PROBES", "smtp")))
                .hasMessageContaining("unknown seed canary 'smtp'");
    }
}
