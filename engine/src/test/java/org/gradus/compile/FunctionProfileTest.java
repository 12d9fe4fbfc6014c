package org.gradus.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

class FunctionProfileTest {
    @Test
    void recordsEveryNodeOfEveryCall() {
        TensorVariable x = T.matrix("x");
        TensorVariable w = T.matrix("w");
        TensorVariable y = T.tanh(T.dot(x, w)).sum();
        Function f = Gradus.functionBuilder(List.of(x, w)).outputs(y).profile().build();
        NDArray a = NDArray.zeros(org.gradus.types.DType.FLOAT64, 3, 4);
        NDArray b = NDArray.zeros(org.gradus.types.DType.FLOAT64, 4, 5);
        for (int i = 0; i < 3; i++) {
            f.call(a, b);
        }
        FunctionProfile p = f.profile();
        assertThat(p.calls()).isEqualTo(3);
        assertThat(p.nodes()).hasSize(f.nodes().size());
        assertThat(p.nodes()).allSatisfy(t -> assertThat(t.nanos()).isPositive());
        assertThat(p.nodes()).extracting(FunctionProfile.NodeTime::node)
                .containsExactlyElementsOf(f.nodes().stream().map(n -> n.op().name()).toList());
        assertThat(p.nodes().get(0).outputShape()).isEqualTo("[3, 5]");
        assertThat(p.totalNanos()).isEqualTo(p.nodes().stream().mapToLong(FunctionProfile.NodeTime::nanos).sum());
        String table = p.summary();
        assertThat(table).startsWith("3 calls,").contains("time%").contains(f.nodes().get(0).op().name());
        assertThat(table.lines().count()).isEqualTo(2 + f.nodes().size());
    }

    @Test
    void sinceSubtractsAnEarlierSnapshotOfTheSameFunction() {
        TensorVariable x = T.matrix("x");
        Function f = Gradus.functionBuilder(List.of(x)).outputs(T.exp(x).sum()).profile().build();
        NDArray a = NDArray.zeros(org.gradus.types.DType.FLOAT64, 30, 40);
        for (int i = 0; i < 2; i++) {
            f.call(a);
        }
        FunctionProfile warm = f.profile();
        for (int i = 0; i < 5; i++) {
            f.call(a);
        }
        FunctionProfile all = f.profile();
        FunctionProfile steady = all.since(warm);
        assertThat(steady.calls()).isEqualTo(5);
        assertThat(steady.nodes()).hasSize(all.nodes().size());
        for (int n = 0; n < all.nodes().size(); n++) {
            FunctionProfile.NodeTime t = steady.nodes().get(n);
            assertThat(t.node()).isEqualTo(all.nodes().get(n).node());
            assertThat(t.calls()).isEqualTo(5);
            assertThat(t.nanos()).isEqualTo(all.nodes().get(n).nanos() - warm.nodes().get(n).nanos());
        }
        assertThat(steady.summary()).startsWith("5 calls,");
        assertThatThrownBy(() -> warm.since(all)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was not taken before this one");
        Function g = Gradus.functionBuilder(List.of(x)).outputs(T.tanh(x).sum()).profile().build();
        g.call(a);
        assertThatThrownBy(() -> all.since(g.profile())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("since:");
    }

    @Test
    void aFunctionBuiltWithoutProfilingSaysHowToTurnItOn() {
        TensorVariable x = T.scalar("x");
        Function f = Gradus.function(List.of(x), T.exp(x));
        assertThatThrownBy(f::profile).isInstanceOf(GradusException.class).hasMessageContaining(".profile()");
    }
}
