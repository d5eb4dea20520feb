package io.netobs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every typed read: the default when unset or blank, the value when valid, an error naming the variable otherwise. */
class EnvTest {
    private static Env env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return new Env(m);
    }

    @Test
    void shouldTakeTheDefaultWhenUnsetOrBlank() {
        Env e = env("BLANK", "  ");
        assertThat(e.string("BLANK", "d")).isEqualTo("d");
        assertThat(e.integer("UNSET", 7, 0, 10)).isEqualTo(7);
        assertThat(e.longInteger("BLANK", 1L << 40, 0, Long.MAX_VALUE)).isEqualTo(1L << 40);
        assertThat(e.millis("UNSET", Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));
        assertThat(e.decimal("BLANK", 4, 0, 100)).isEqualTo(4.0);
        assertThat(e.duration("UNSET", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(e.bool("BLANK", true)).isTrue();
    }

    @Test
    void shouldReadValidValuesTrimmed() {
        Env e = env("S", " text ", "I", " 42 ", "L", "1099511627776", "MS", "250", "D", "0.5", "DUR", "PT30S",
                "SECS", "90", "B", "no");
        assertThat(e.string("S", null)).isEqualTo("text");
        assertThat(e.integer("I", 0, 0, 100)).isEqualTo(42);
        assertThat(e.longInteger("L", 0, 0, Long.MAX_VALUE)).isEqualTo(1L << 40);
        assertThat(e.millis("MS", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(e.decimal("D", 1, 0, 10)).isEqualTo(0.5);
        assertThat(e.duration("DUR", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.duration("SECS", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(e.bool("B", true)).isFalse();
        assertThat(env("SRC", " Replay ").choice("SRC", "ris-live", List.of("ris-live", "replay"))).isEqualTo("replay");
        assertThat(env().choice("SRC", "ris-live", List.of("ris-live", "replay"))).isEqualTo("ris-live");
    }

    @Test
    void shouldKeepAVerbatimValueWithItsSpacesAndDefaultOnlyWhenUnset() {
        Env e = env("EXPECTED", "  ok  ", "EMPTY", "");
        assertThat(e.verbatim("EXPECTED", "")).isEqualTo("  ok  ");
        assertThat(e.verbatim("EMPTY", "d")).isEmpty();
        assertThat(e.verbatim("UNSET", "d")).isEqualTo("d");
    }

    @Test
    void shouldNameTheVariableTheValueAndWhatWasExpected() {
        Env e = env("N", "many", "BIG", "3000000000", "LOW", "0", "NEG", "-1", "F", "four", "INF", "Infinity",
                "DUR", "soon", "B", "maybe");
        assertThatThrownBy(() -> e.integer("N", 1, 0, 10)).isInstanceOf(Env.InvalidValue.class)
                .hasMessage("N=many: not an integer");
        assertThatThrownBy(() -> e.integer("BIG", 1, 0, Integer.MAX_VALUE)).hasMessage("BIG=3000000000: must be at least 0");
        assertThatThrownBy(() -> e.integer("LOW", 1, 1, 65535)).hasMessage("LOW=0: must be within 1..65535");
        assertThatThrownBy(() -> e.millis("NEG", Duration.ZERO)).hasMessage("NEG=-1: must be at least 0");
        assertThatThrownBy(() -> e.decimal("F", 1, 0, 10)).hasMessage("F=four: not a number");
        assertThatThrownBy(() -> e.decimal("INF", 1, 0, Double.MAX_VALUE)).hasMessage("INF=Infinity: must be at least 0");
        assertThatThrownBy(() -> e.decimal("LOW", 1, 0.001, 1000)).hasMessage("LOW=0: must be within 0.001..1000");
        assertThatThrownBy(() -> e.duration("DUR", Duration.ZERO)).hasMessageStartingWith("DUR=soon: not a duration");
        assertThatThrownBy(() -> e.bool("B", false)).hasMessage("B=maybe: not a boolean (true or false)");
        assertThatThrownBy(() -> e.choice("F", "ris-live", List.of("ris-live", "replay")))
                .hasMessage("F=four: must be one of ris-live, replay");
        assertThat(catchVariable(() -> e.integer("N", 1, 0, 10))).isEqualTo("N");
    }

    private static String catchVariable(Runnable r) {
        try {
            r.run();
        } catch (Env.InvalidValue e) {
            return e.variable();
        }
        return null;
    }

    @Test
    void shouldStayAnIllegalArgumentExceptionForExistingCallers() {
        assertThatThrownBy(() -> new Env(Map.of("P", "x")).integer("P", 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
