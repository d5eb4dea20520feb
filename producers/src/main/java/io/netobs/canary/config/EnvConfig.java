package io.netobs.canary.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netobs.schema.Env;
import io.netobs.schema.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's environment variables, with the seed's defaults and meaning, for a user who switches
 * from the three Python canaries without writing a YAML file. They become the same configuration
 * tree a YAML file would, so the same validation applies. {@code NETOBS_AGENT_PROBES} (default
 * "ping,dns,http") picks which of the seed's canaries this agent replaces.
 */
public final class EnvConfig {
    public static final String ENV_PROBES = "NETOBS_AGENT_PROBES";

    private EnvConfig() {
    }

    /** Throws {@link Env.InvalidValue} naming the variable when a number is not one. */
    public static AgentConfig fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode probes = root.putArray("probes");
        String canaryId = e.string("CANARY_ID", null);
        for (String type : e.string(ENV_PROBES, "ping,dns,http").toLowerCase(Locale.ROOT).split(",")) {
            switch (type.trim()) {
                case "ping" -> {
                    ObjectNode g = group(probes, "ping", canaryId, "ping-canary-local-01");
                    targets(g, e.string("TARGET_HOSTS", "8.8.8.8,1.1.1.1"));
                    g.put("interval", e.integer("PING_INTERVAL_SECONDS", 60, 1, Integer.MAX_VALUE) + "s");
                    g.put("timeout", "10s"); // the seed's subprocess timeout
                    g.putObject("options").put("count", e.integer("PING_COUNT", 5, 1, Integer.MAX_VALUE));
                }
                case "dns" -> {
                    ObjectNode g = group(probes, "dns", canaryId, "dns-canary-local-01");
                    targets(g, e.string("TARGET_DOMAINS", "google.com,github.com,cloudflare.com"));
                    g.put("interval", e.integer("DNS_INTERVAL_SECONDS", 60, 1, Integer.MAX_VALUE) + "s");
                    g.put("timeout", seconds(e, "QUERY_TIMEOUT_SECONDS", 5));
                    g.putObject("options").put("query_type", e.string("QUERY_TYPE", "A"))
                            .put("resolver", e.string("TARGET_RESOLVER", ""));
                }
                case "http" -> {
                    ObjectNode g = group(probes, "http", canaryId, "http-canary-local-01");
                    targets(g, e.string("TARGET_URLS", "https://google.com,https://github.com,https://httpbin.org/delay/1"));
                    g.put("interval", e.integer("HTTP_INTERVAL_SECONDS", 60, 1, Integer.MAX_VALUE) + "s");
                    g.put("timeout", seconds(e, "REQUEST_TIMEOUT_SECONDS", 10));
                    // The seed searched for the string exactly as set, spaces included.
                    ObjectNode o = g.putObject("options").put("expected_string", e.verbatim("EXPECTED_STRING", ""));
                    String ua = e.string("USER_AGENT", null);
                    if (ua != null) {
                        o.put("user_agent", ua);
                    }
                }
                case "" -> { }
                default -> throw new ConfigException("environment: " + ENV_PROBES + " names unknown seed canary '"
                        + type.trim() + "' (ping, dns, http; use " + AgentConfig.ENV_CONFIG + " for tcp and traceroute)");
            }
        }
        if (probes.isEmpty()) {
            throw new ConfigException("environment: " + ENV_PROBES + " selects no probe type");
        }
        return ConfigLoader.parse(ConfigNode.of(root, "environment"), env);
    }

    private static ObjectNode group(ArrayNode probes, String type, String canaryId, String seedDefault) {
        // Each seed canary had its own CANARY_ID default; one CANARY_ID names all of them.
        return probes.addObject().put("type", type).put("canary_id", canaryId != null ? canaryId : seedDefault);
    }

    private static void targets(ObjectNode g, String csv) {
        ArrayNode a = g.putArray("targets");
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(a::add);
    }

    /** The seed's timeouts are seconds, fractions allowed ({@code 2.5}); the configuration takes milliseconds. */
    private static String seconds(Env e, String name, double def) {
        return Math.round(e.decimal(name, def, 0.001, 86_400) * 1000) + "ms";
    }

    /** The seed's variables this class reads, for documentation and tests. */
    public static final List<String> SEED_VARIABLES = List.of("CANARY_ID", "KAFKA_BROKER", "KAFKA_TOPIC", "TARGET_HOSTS",
            "PING_INTERVAL_SECONDS", "PING_COUNT", "TARGET_DOMAINS", "DNS_INTERVAL_SECONDS", "QUERY_TYPE", "TARGET_RESOLVER",
            "QUERY_TIMEOUT_SECONDS", "TARGET_URLS", "HTTP_INTERVAL_SECONDS", "REQUEST_TIMEOUT_SECONDS", "EXPECTED_STRING",
            "USER_AGENT");
}
