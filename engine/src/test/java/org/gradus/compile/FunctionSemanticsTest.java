package org.gradus.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.junit.jupiter.api.Test;

class FunctionSemanticsTest {

    @Test
    void outputsAreIndependentCopiesAcrossCalls() {
        var x = T.vector("x");
        Function f = Gradus.function(List.of(x), x.mul(2));
        NDArray first = f.call(new double[] {1, 2, 3});
        NDArray second = f.call(new double[] {10, 20, 30});
        assertThat(first.toDoubleArray()).containsExactly(2, 4, 6);
        assertThat(second.toDoubleArray()).containsExactly(20, 40, 60);
    }

    @Test
    void updatesAreAppliedTogetherFromTheOldValues() {
        SharedVariable a = Gradus.shared(new double[] {1, 2}, "a");
        SharedVariable b = Gradus.shared(new double[] {3, 4}, "b");
        Function swap = Gradus.functionBuilder(List.of()).updates(Map.of(a, b, b, a)).build();
        swap.callAll();
        assertThat(a.getValue().toDoubleArray()).containsExactly(3, 4);
        assertThat(b.getValue().toDoubleArray()).containsExactly(1, 2);
        swap.callAll();
        assertThat(a.getValue().toDoubleArray()).containsExactly(1, 2);
    }

    @Test
    void sharedValuesMayChangeShapeBetweenCalls() {
        SharedVariable data = Gradus.shared(new double[][] {{1, 2}, {3, 4}, {5, 6}}, "data");
        Function total = Gradus.function(List.of(), data.sum(0));
        assertThat(total.call().toDoubleArray()).containsExactly(9, 12);
        data.setValue(new double[][] {{1, 1}});
        assertThat(total.call().toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void getValueReturnsACopy() {
        SharedVariable w = Gradus.shared(new double[] {1, 2}, "w");
        NDArray v = w.getValue();
        v.set(0, 100);
        assertThat(w.getValue().toDoubleArray()).containsExactly(1, 2);
    }

    @Test
    void repeatedCallsReuseTheSamePlanAndStayCorrect() {
        var x = T.matrix("x");
        SharedVariable w = Gradus.shared(new double[][] {{1, 0, 2}, {0, 1, 3}}, "W");
        Function f = Gradus.function(List.of(x), T.tanh(T.dot(x, w)).sum(1));
        for (int batch : new int[] {1, 4, 4, 2}) {
            double[][] in = new double[batch][2];
            for (int i = 0; i < batch; i++) {
                in[i][0] = i * 0.1;
                in[i][1] = -i * 0.2;
            }
            double[] got = f.call(in).toDoubleArray();
            for (int i = 0; i < batch; i++) {
                double expected = Math.tanh(in[i][0]) + Math.tanh(in[i][1]) + Math.tanh(2 * in[i][0] + 3 * in[i][1]);
                assertThat(got[i]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }
}
