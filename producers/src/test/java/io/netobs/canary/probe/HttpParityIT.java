package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netobs' HTTP probe against blackbox_exporter on the same loopback servers ({@link HttpParity}): status,
 * body size, HTTP version, content check, redirects, certificate expiry and TLS version must agree
 * exactly in every round, the phase medians within the bound {@link ParityReport} states. Needs the Debian
 * package prometheus-blackbox-exporter.
 */
class HttpParityIT {
    static final int WARMUP = 30;
    static final int ROUNDS = 15;

    @Test
    void shouldMeasureAsBlackboxExporterDoes(@TempDir Path dir) throws Exception {
        Optional<Path> binary = BlackboxExporter.binary();
        assumeTrue(binary.isPresent(), "blackbox_exporter is not installed (apt-get install "
                + BlackboxExporter.DEBIAN_PACKAGE + ", or set NETOBS_BLACKBOX_EXPORTER): parity with it not checked");
        ParityReport report = HttpParity.run(binary.get(), dir, WARMUP, ROUNDS);
        System.out.print(report.table());
        assertThat(report.checkDisagreements()).isEmpty();
        assertThat(report.phaseDisagreements()).isEmpty();
    }
}
