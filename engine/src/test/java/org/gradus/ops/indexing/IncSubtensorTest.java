package org.gradus.ops.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class IncSubtensorTest {
    private final Random rng = new Random(1234);

    private static NDArray eval(TensorVariable expr, List<TensorVariable> inputs, Object... args) {
        return Gradus.function(inputs, expr).call(args);
    }

    @Test
    void setBroadcastsAValueRowIntoASlicedRegion() {
        var x = T.matrix("x");
        var v = T.vector("v");
        NDArray xv = GradCheck.random(rng, 3, 4);
        // rows 1:, columns ::2 -> a 2x2 region; v of length 2 fills each of its rows
        TensorVariable y = T.setSubtensor(x.get(T.slice(1, null), T.slice(null, null, 2)), v);
        assertThat(y.type()).isEqualTo(x.type());
        NDArray out = eval(y, List.of(x, v), xv, new double[] {10, 20});
        double[] expected = xv.toDoubleArray();
        for (int r = 1; r < 3; r++) {
            expected[r * 4] = 10;
            expected[r * 4 + 2] = 20;
        }
        assertThat(out.shape()).containsExactly(3, 4);
        assertThat(out.toDoubleArray()).containsExactly(expected);
        assertThat(xv.toDoubleArray()).doesNotContain(10.0);
    }

    @Test
    void incrementAddsToAPointAndNegativeStepRegionOfATensor3() {
        var x = T.tensor3("x");
        var i = T.lscalar("i");
        NDArray xv = GradCheck.random(rng, 2, 3, 5);
        TensorVariable y = T.incSubtensor(x.get(i, T.slice(null, null, -2)), 1.5);
        NDArray out = eval(y, List.of(x, i), xv, -1);
        double[] expected = xv.toDoubleArray();
        for (int j : new int[] {2, 0}) {
            for (int k = 0; k < 5; k++) {
                expected[15 + j * 5 + k] += 1.5;
            }
        }
        assertThat(out.toDoubleArray()).containsExactly(expected);
    }

    @Test
    void integerTensorsKeepTheirDType() {
        var v = T.lvector("v");
        NDArray out = eval(T.setSubtensor(v.get(T.slice(1, 3)), 7), List.of(v), NDArray.of(new long[] {1, 2, 3, 4}));
        assertThat(out.dtype()).isEqualTo(DType.INT64);
        assertThat(out.toIntArray()).containsExactly(1, 7, 7, 4);
    }

    @Test
    void gradientsOfSetAndIncrementByHand() {
        var x = T.matrix("x");
        var v = T.vector("v");
        NDArray xv = GradCheck.random(rng, 3, 4);
        NDArray vv = NDArray.of(new double[] {0.5, -0.25});
        TensorVariable region = x.get(T.slice(1, null), T.slice(null, null, 2));
        var weights = T.constant(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});
        TensorVariable setCost = T.sum(T.setSubtensor(region, v).mul(weights));
        List<NDArray> g = Gradus.function(List.of(x, v), T.grad(setCost, List.of(x, v))).callAll(xv, vv);
        assertThat(g.get(0).toDoubleArray()).containsExactly(1, 2, 3, 4, 0, 6, 0, 8, 0, 10, 0, 12);
        assertThat(g.get(1).toDoubleArray()).containsExactly(5 + 9, 7 + 11);
        TensorVariable incCost = T.sum(T.incSubtensor(region, v).mul(weights));
        g = Gradus.function(List.of(x, v), T.grad(incCost, List.of(x, v))).callAll(xv, vv);
        assertThat(g.get(0).toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(g.get(1).toDoubleArray()).containsExactly(5 + 9, 7 + 11);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        var x = T.tensor3("x");
        var v = T.tensor(DType.FLOAT64, "v", 1, 5);
        var a = T.lscalar("a");
        NDArray xv = GradCheck.random(rng, 2, 3, 5);
        NDArray vv = GradCheck.random(rng, 1, 5);
        for (boolean set : new boolean[] {true, false}) {
            TensorVariable region = x.get(a, T.slice(2, null, -1));
            TensorVariable y = set ? T.setSubtensor(region, v) : T.incSubtensor(region, v);
            GradCheck.check(List.of(x, v, a), y, 0, xv, vv, 1L);
            GradCheck.check(List.of(x, v, a), y, 1, xv, vv, 1L);
        }
        var m = T.matrix("m");
        var s = T.scalar("s");
        TensorVariable point = T.setSubtensor(m.get(-1, 2), s);
        GradCheck.check(List.of(m, s), point, 0, GradCheck.random(rng, 3, 4), NDArray.of(0.3));
        GradCheck.check(List.of(m, s), point, 1, GradCheck.random(rng, 3, 4), NDArray.of(0.3));
    }

    @Test
    void errorsNameTheProblem() {
        var x = T.matrix("x");
        assertThatThrownBy(() -> T.setSubtensor(x, 1.0)).isInstanceOf(GradusException.class)
                .hasMessageContaining("setSubtensor needs x.get(...) as its first argument");
        assertThatThrownBy(() -> T.incSubtensor(x.get(0), T.matrix("big"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("has more axes than the region");
        var known = T.tensor(DType.FLOAT64, "k", 3, 4);
        assertThatThrownBy(() -> T.setSubtensor(known.get(T.slice(0, 2)), T.tensor(DType.FLOAT64, "w", 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("does not broadcast to the region (2, 4)");
        var v = T.vector("v");
        TensorVariable y = T.setSubtensor(x.get(T.slice(0, 2)), v);
        assertThatThrownBy(() -> eval(y, List.of(x, v), GradCheck.random(rng, 3, 4), new double[] {1, 2, 3}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("does not broadcast to the region of shape [2, 4]");
    }
}
