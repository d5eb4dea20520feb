package io.netobs.streams.path;

import static io.netobs.streams.path.Paths.partial;
import static io.netobs.streams.path.Paths.path;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The definition of "the same path", TTL by TTL. */
class PathComparisonTest {
    private static final PathShape A = path("g", "x", "y", "z", "D");

    @Test
    void shouldFindTheSamePathWhateverTheNonAnsweringHops() {
        assertThat(PathComparison.firstChange(A, path("g", "*", "y", "*", "D"))).isZero();
        assertThat(PathComparison.firstChange(path("g", "*", "y", "z", "D"), path("g", "n", "y", "z", "D")))
                .as("an answer where nobody answered before fills in").isZero();
        assertThat(PathComparison.firstChange(A, partial("g", "x"))).as("a trace that stopped short").isZero();
        assertThat(PathComparison.firstChange(partial("g", "x"), A)).as("the rest of a path that stopped short").isZero();
    }

    @Test
    void shouldFindTheSamePathAcrossTheBranchesOfALoadBalancer() {
        assertThat(PathComparison.firstChange(A, path("g", "x2", "y", "z", "D"))).as("a diamond of one TTL").isZero();
        assertThat(PathComparison.firstChange(A, path("g", "x2", "y2", "z", "D"))).as("of two TTLs").isZero();
        assertThat(PathComparison.firstChange(A, path("g", "x2", "*", "z", "D"))).as("with a '*' inside").isZero();
        assertThat(PathComparison.firstChange(path("g", "x|x2", "y", "z", "D"), path("g", "x2", "y", "z", "D")))
                .as("a branch already learned").isZero();
        assertThat(PathComparison.firstChange(A, path("g2", "x", "y", "z", "D")))
                .as("the canary itself is the first agreeing hop").isZero();
        assertThat(PathComparison.firstChange(A, path("g", "x2", "y", "z2", "D"))).as("two diamonds").isZero();
    }

    @Test
    void shouldFindAChangeLoadBalancingDoesNotExplain() {
        assertThat(PathComparison.firstChange(A, path("g", "n1", "n2", "n3", "D")))
                .as("three TTLs between two agreeing ones").isEqualTo(2);
        assertThat(PathComparison.firstChange(A, partial("g", "x", "n1"))).as("no convergence after it").isEqualTo(3);
        assertThat(PathComparison.firstChange(A, path("g", "x", "y", "D"))).as("one TTL shorter").isEqualTo(4);
        assertThat(PathComparison.firstChange(A, path("g", "x", "y", "z", "n", "D")))
                .as("an answer beyond the destination the path reached").isEqualTo(5);
        assertThat(PathComparison.firstChange(A, path("g", "x2", "y", "z", "n", "D")))
                .as("the first unexplained difference, after a diamond").isEqualTo(5);
        assertThat(PathComparison.firstChange(path("g", "a", "b", "c", "d", "e", "D"), path("g", "n1", "n2", "*", "n4", "e", "D")))
                .as("a '*' among the differing TTLs does not make them converge").isEqualTo(2);
    }

    @Test
    void shouldLearnEveryAddressUpToTheBound() {
        PathComparison.Learned l = PathComparison.learn(path("g", "*", "y", "D"), path("g", "n", "y2", "D"), 8);
        assertThat(l.path()).isEqualTo(path("g", "n", "y|y2", "D"));
        assertThat(l.dropped()).isZero();

        PathComparison.Learned full = PathComparison.learn(path("g", "a|b", "D"), path("g", "c", "D"), 2);
        assertThat(full.path()).isEqualTo(path("g", "a|b", "D"));
        assertThat(full.dropped()).isEqualTo(1);
        assertThat(PathComparison.learn(partial("g"), path("g", "x", "D"), 8).path().reached()).isTrue();
    }
}
