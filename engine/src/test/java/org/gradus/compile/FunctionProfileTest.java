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
    void aFunctionBuiltWithoutProfilingSaysHowToTurnItOn() {
        TensorVariable x = T.scalar("x");
        Function f = Gradus.function(List.of(x), T.exp(x));
        assertThatThrownBy(f::profile).isInstanceOf(GradusException.class).hasMessageContaining(".profile()");
    }
}
