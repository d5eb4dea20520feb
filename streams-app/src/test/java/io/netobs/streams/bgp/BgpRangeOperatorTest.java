package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import org.junit.jupiter.api.Test;

/**
 * RFC 2622 range operators on prefixes.yml keys: which announcements by an expected origin are expected (no
 * event) and which are MORE_SPECIFIC; a wrong origin is a hijack whatever the operator.
 */
class BgpRangeOperatorTest {
    static final String A = "198.51.100.1";
    static final String B = "198.51.100.2";

    private static String config(String key) {
        return key + ":\n  asn: 64500\noptions:\n  minPeers: 2\n  visibility: {minFraction: 0.5}\n";
    }

    /** Two peers announce {@code prefix} from {@code origin}. */
    private static void announceTwice(BgpDriver d, int second, String prefix, long origin) {
        d.announce(second, A, prefix, 64501, origin);
        d.announce(second + 1, B, prefix, 64502, origin);
    }

    @Test
    void shouldExpectThePrefixAndEveryMoreSpecificUnderPlus() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^+"), null)) {
            announceTwice(d, 0, "10.0.0.0/22", 64500);
            announceTwice(d, 2, "10.0.1.0/24", 64500);
            announceTwice(d, 4, "10.0.2.128/25", 64500);
            assertThat(d.events()).isEmpty();
        }
    }

    @Test
    void shouldStillReportAWrongOriginOfAnExpectedMoreSpecificAsASubPrefixHijack() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^+"), null)) {
            announceTwice(d, 0, "10.0.1.0/24", 666);
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("ORIGIN_HIJACK|10.0.1.0/24|AS666");
        }
    }

    @Test
    void shouldExpectOnlyMoreSpecificsUnderMinusAndNotWatchThePrefixItsVisibility() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^-"), null)) {
            announceTwice(d, 0, "10.0.1.0/24", 64500);
            announceTwice(d, 2, "10.0.0.0/22", 64500);
            d.withdraw(4, A, 64501, "10.0.0.0/22");
            d.withdraw(5, B, 64502, "10.0.0.0/22");
            assertThat(d.events()).as("the /22 itself is not expected to be announced: neither its presence nor"
                    + " its absence is an event").isEmpty();
        }
    }

    @Test
    void shouldReportTheExcludedPrefixItselfFromAnotherOriginAsAnExactPrefixHijack() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^-"), null)) {
            announceTwice(d, 0, "10.0.0.0/22", 666);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("ORIGIN_HIJACK|10.0.0.0/22|AS666");
                assertThat(e.detail()).startsWith("exact-prefix hijack");
            });
        }
    }

    @Test
    void shouldExpectOnlyTheGivenLengthUnderCaretN() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^24"), null)) {
            announceTwice(d, 0, "10.0.1.0/24", 64500);
            announceTwice(d, 2, "10.0.2.0/23", 64500);
            announceTwice(d, 4, "10.0.3.0/25", 64500);
            assertThat(d.events()).extracting(BgpEvent::id)
                    .containsExactly("MORE_SPECIFIC|10.0.2.0/23", "MORE_SPECIFIC|10.0.3.0/25");
        }
    }

    @Test
    void shouldExpectTheLengthsOfARangeUnderCaretNM() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^23-24"), null)) {
            announceTwice(d, 0, "10.0.2.0/23", 64500);
            announceTwice(d, 2, "10.0.1.0/24", 64500);
            announceTwice(d, 4, "10.0.3.0/25", 64500);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("MORE_SPECIFIC|10.0.3.0/25");
                assertThat(e.detail()).endsWith("outside the lengths 10.0.0.0/22^23-24 expects");
            });
        }
    }

    @Test
    void shouldReportEveryMoreSpecificWithoutAnOperatorAsBefore() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22"), null)) {
            announceTwice(d, 0, "10.0.1.0/24", 64500);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("MORE_SPECIFIC|10.0.1.0/24");
                assertThat(e.detail()).isEqualTo("more-specific 10.0.1.0/24 of 10.0.0.0/22 announced by an expected origin");
            });
        }
    }

    @Test
    void shouldWatchTheVisibilityOfThePrefixItselfWhenTheRangeIncludesIt() {
        try (BgpDriver d = new BgpDriver(config("10.0.0.0/22^22-24"), null)) {
            announceTwice(d, 0, "10.0.0.0/22", 64500);
            d.withdraw(2, A, 64501, "10.0.0.0/22");
            d.withdraw(3, B, 64502, "10.0.0.0/22");
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("VISIBILITY_LOST|10.0.0.0/22");
        }
    }
}
