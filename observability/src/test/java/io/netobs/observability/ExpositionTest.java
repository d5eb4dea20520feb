package io.netobs.observability;

import static io.netobs.observability.Exposition.OPENMETRICS;
import static io.netobs.observability.Exposition.PROMETHEUS_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // no preference: text, as curl and browsers get
        "NULL | text",
        "'' | text",
        "*/* | text",
        "text/html,application/xhtml+xml,*/*;q=0.8 | text",
        // Prometheus 2.x default scrape_protocols
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/* ;q=0.1 | openmetrics",
        // Prometheus with scrape_protocols: [PrometheusText0.0.4, OpenMetricsText1.0.0]
        "text/plain;version=0.0.4;q=0.5,application/openmetrics-text;version=1.0.0;q=0.4,*/*;q=0.1 | text",
        "application/openmetrics-text | openmetrics",
        "application/openmetrics-text; version=0.0.1 | openmetrics",
        "APPLICATION/OpenMetrics-Text ; Version=1.0.0 | openmetrics",
        // a tie goes to OpenMetrics
        "text/plain,application/openmetrics-text | openmetrics",
        // q=0 means not acceptable; a malformed q counts as 0
        "application/openmetrics-text;q=0,text/plain | text",
        "application/openmetrics-text;q=zero | text",
        "application/openmetrics-text;q=0.2,text/plain;q=0.9 | text",
        // a version we do not write is not asked for
        "application/openmetrics-text;version=2.0.0,text/plain;q=0.5 | text",
        "text/plain;version=0.0.4 | text",
    })
    void shouldPickTheFormatTheScraperPrefers(String accept, String expected) {
        assertThat(Exposition.negotiate(accept)).isEqualTo(expected.equals("text") ? PROMETHEUS_TEXT : OPENMETRICS);
    }
}
