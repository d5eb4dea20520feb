package io.netobs.canary.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public static AgentConfig fromEnv(Map<String, String> env) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode probes = root.putArray("probes");
        String canaryId = blankToNull(env.get("CANARY_ID"));
        for (String type : get(env, ENV_PROBES, "ping,dns,http").toLowerCase(Locale.ROOT).split(",")) {
            switch (type.trim()) {
                case "ping" -> {
                    ObjectNode g = group(probes, "ping", canaryId, "ping-canary-local-01");
                    targets(g, get(env, "TARGET_HOSTS", "8.8.8.8,1.1.1.1"));
                    g.put("interval", intEnv(env, "PING_INTERVAL_SECONDS", 60) + "s");
                    g.put("timeout", "10s"); // the seed's subprocess timeout
                    g.putObject("options").put("count", intEnv(env, "PING_COUNT", 5));
                }
                case "dns" -> {
                    ObjectNode g = group(probes, "dns", canaryId, "dns-canary-local-01");
                    targets(g, get(env, "TARGET_DOMAINS", "google.com,github.com,cloudflare.com"));
                    g.put("interval", intEnv(env, "DNS_INTERVAL_SECONDS", 60) + "s");
                    g.put("timeout", number(env, "QUERY_TIMEOUT_SECONDS", "5") + "s");
                    g.putObject("options").put("query_type", get(env, "QUERY_TYPE", "A"))
                            .put("resolver", env.getOrDefault("TARGET_RESOLVER", "").trim());
                }
                case "http" -> {
                    ObjectNode g = group(probes, "http", canaryId, "http-canary-local-01");
                    targets(g, get(env, "TARGET_URLS", "https://google.com,https://github.com,https://httpbin.org/delay/1"));
                    g.put("interval", intEnv(env, "HTTP_INTERVAL_SECONDS", 60) + "s");
                    g.put("timeout", number(env, "REQUEST_TIMEOUT_SECONDS", "10") + "s");
                    ObjectNode o = g.putObject("options").put("expected_string", env.getOrDefault("EXPECTED_STRING", ""));
                    String ua = blankToNull(env.get("USER_AGENT"));
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

    static String get(Map<String, String> env, String name, String dflt) {
        String v = blankToNull(env.get(name));
        return v == null ? dflt : v;
    }

    static int intEnv(Map<String, String> env, String name, int dflt) {
        String v = blankToNull(env.get(name));
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("environment: " + name + " must be an integer, got '" + v + "'");
        }
    }

    static long longEnv(Map<String, String> env, String name, long dflt) {
        String v = blankToNull(env.get(name));
        try {
            return v == null ? dflt : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("environment: " + name + " must be an integer, got '" + v + "'");
        }
    }

    private static String number(Map<String, String> env, String name, String dflt) {
        String v = get(env, name, dflt).trim();
        if (!v.matches("\\d+(\\.\\d+)?")) {
            throw new ConfigException("environment: " + name + " must be a number of seconds, got '" + v + "'");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The seed's variables this class reads, for documentation and tests. */
    public static final List<String> SEED_VARIABLES = List.of("CANARY_ID", "KAFKA_BROKER", "KAFKA_TOPIC", "TARGET_HOSTS",
            "PING_INTERVAL_SECONDS", "PING_COUNT", "TARGET_DOMAINS", "DNS_INTERVAL_SECONDS", "QUERY_TYPE", "TARGET_RESOLVER",
            "QUERY_TIMEOUT_SECONDS", "TARGET_URLS", "HTTP_INTERVAL_SECONDS", "REQUEST_TIMEOUT_SECONDS", "EXPECTED_STRING",
            "USER_AGENT");
}
