package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.bgp.Cidr;
import io.netobs.schema.bgp.MonitoredPrefixes;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prometheus.yml's target-group relabelling (the `group` label alert inhibition relies on) gives every series of a
 * monitored prefix of infra/config/prefixes.yml, and every canary target addressed inside one, that prefix's group:
 * checked for each configured prefix, at its edges and just outside them, in each form a target takes.
 */
class TargetGroupsTest {
    private static final MonitoredPrefixes PREFIXES = MonitoredPrefixes.load(StackFiles.infra().resolve("config/prefixes.yml"));
    private static final Relabeling RELABEL = new Relabeling(job("streams-app").path("metric_relabel_configs"));

    @Test
    void everyMonitoredPrefixAndItsMoreSpecificsCarryTheirGroup() {
        assertThat(PREFIXES.monitored()).hasSizeGreaterThan(10);
        for (MonitoredPrefixes.Prefix p : PREFIXES.monitored()) {
            Cidr c = p.prefix();
            assertThat(group("prefix", c.toString())).as(c + " itself").isEqualTo(expected(c));
            if (c.length() < bits(c)) {
                Cidr firstHalf = Cidr.of(c.address(), c.length() + 1, c.isIpv6());
                Cidr lastHalf = Cidr.of(address(c, first(c).add(size(c).shiftRight(1))), c.length() + 1, c.isIpv6());
                assertThat(group("prefix", firstHalf.toString())).as("more-specific " + firstHalf).isEqualTo(expected(firstHalf));
                assertThat(group("prefix", lastHalf.toString())).as("more-specific " + lastHalf).isEqualTo(expected(lastHalf));
            }
        }
    }

    @Test
    void everyTargetAddressedInsideAMonitoredPrefixCarriesItsGroupAndNothingOutside() {
        for (MonitoredPrefixes.Prefix p : PREFIXES.monitored()) {
            Cidr c = p.prefix();
            BigInteger last = first(c).add(size(c)).subtract(BigInteger.ONE);
            List<BigInteger> probes = new ArrayList<>(List.of(first(c), last, first(c).subtract(BigInteger.ONE), last.add(BigInteger.ONE)));
            for (BigInteger a : probes) {
                if (a.signum() < 0 || a.bitLength() > bits(c)) {
                    continue;
                }
                String addr = Cidr.format(address(c, a));
                String want = expected(Cidr.of(address(c, a), bits(c), c.isIpv6()));
                for (String target : targetForms(addr, c.isIpv6())) {
                    assertThat(group("target", target)).as("target " + target + " (near " + c + ")").isEqualTo(want);
                }
            }
        }
    }

    @Test
    void targetsWithoutAMonitoredAddressStayUngrouped() {
        for (String target : List.of("127.0.0.1", "::1", "http://127.0.0.1:8080/health", "127.0.0.1:9092", "netobs.test",
                "https://one.one.one.one/", "https://1.1.1.1.evil.test/", "http://[::1]:8080/", "2001:db8::1")) {
            assertThat(group("target", target)).as(target).isNull();
        }
        // Neither label: no group, and the temporary label never leaks into the stored series.
        assertThat(RELABEL.apply(Map.of("__name__", "up"))).containsOnlyKeys("__name__");
        assertThat(RELABEL.apply(Map.of("target", "1.1.1.1"))).containsOnlyKeys("target", "group");
    }

    private static List<String> targetForms(String addr, boolean ipv6) {
        return ipv6
                ? List.of(addr, "[" + addr + "]:443", "http://[" + addr + "]/", "https://[" + addr + "]:8443/status?x=1")
                : List.of(addr, addr + ":53", "http://" + addr + "/", "https://" + addr + ":8443/status?x=1");
    }

    /**
     * The group of the most specific configured prefix containing {@code c}, as the app assigns routes, else null.
     * An address inside a prefix whose more-specifics are not monitored still belongs to the services of that prefix.
     */
    private static String expected(Cidr c) {
        return PREFIXES.all().stream().filter(p -> p.prefix().contains(c))
                .max(java.util.Comparator.comparingInt(p -> p.prefix().length()))
                .filter(p -> !p.ignore()).map(MonitoredPrefixes.Prefix::group).orElse(null);
    }

    private static String group(String label, String value) {
        return RELABEL.apply(Map.of(label, value)).get("group");
    }

    private static int bits(Cidr c) {
        return c.isIpv6() ? 128 : 32;
    }

    private static BigInteger first(Cidr c) {
        return c.toBigInteger();
    }

    private static BigInteger size(Cidr c) {
        return BigInteger.ONE.shiftLeft(bits(c) - c.length());
    }

    private static byte[] address(Cidr family, BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bits(family) / 8];
        int n = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - n, out, out.length - n, n);
        return out;
    }

    private static JsonNode job(String name) {
        for (JsonNode job : StackFiles.yaml(StackFiles.prometheusConfig()).path("scrape_configs")) {
            if (job.path("job_name").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no scrape job " + name);
    }
}
