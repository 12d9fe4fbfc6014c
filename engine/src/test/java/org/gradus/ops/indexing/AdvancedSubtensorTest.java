package org.gradus.ops.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.Slice;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

class AdvancedSubtensorTest {
    private static final long[] ROWS = {0, 1, 2};
    private final Random rng = new Random(99);

    private static NDArray eval(TensorVariable expr, List<TensorVariable> inputs, Object... args) {
        return Gradus.function(inputs, expr).call(args);
    }

    /** {@code -mean(log(p)[arange(3), y])} for a 3-row {@code p}. */
    private static TensorVariable nll(TensorVariable p, TensorVariable y) {
        return T.log(p).get(T.constant(ROWS), y).mean().neg();
    }

    /** Softmax over the rows of {@code x}, written by hand. */
    private static TensorVariable softmax(TensorVariable x) {
        TensorVariable e = T.exp(x);
        return e.div(T.sum(e, new int[] {1}, true));
    }

    @Test
    void anIntVectorPicksRowsWithRepeatsAndNegatives() {
        var x = T.matrix("x");
        var idx = T.lvector("idx");
        NDArray xv = GradCheck.random(rng, 3, 4);
        TensorVariable rows = x.get(idx);
        assertThat(rows.type().shape()).containsExactly(TensorType.UNKNOWN, TensorType.UNKNOWN);
        NDArray out = eval(rows, List.of(x, idx), xv, new long[] {2, 0, 2, -3});
        assertThat(out.shape()).containsExactly(4, 4);
        int[] picked = {2, 0, 2, 0};
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(out.get(r * 4 + c)).isEqualTo(xv.get(picked[r] * 4 + c));
            }
        }
        GradCheck.check(List.of(x, idx), rows, 0, xv, new long[] {2, 0, 2, -3});
    }

    @Test
    void vectorsOnTheLeadingAxesCombineElementwise() {
        var x = T.tensor3("x");
        var i = T.ivector("i");
        NDArray xv = GradCheck.random(rng, 2, 3, 5);
        TensorVariable pairs = x.get(i, T.constant(new long[] {2, 0, -1}), Slice.ALL);
        NDArray out = eval(pairs, List.of(x, i), xv, new int[] {1, 0, 1});
        assertThat(out.shape()).containsExactly(3, 5);
        int[][] ij = {{1, 2}, {0, 0}, {1, 2}};
        for (int n = 0; n < 3; n++) {
            for (int k = 0; k < 5; k++) {
                assertThat(out.get(n * 5 + k)).isEqualTo(xv.get(ij[n][0] * 15 + ij[n][1] * 5 + k));
            }
        }
        // a Java int and a length-1 vector broadcast against the other index vector
        NDArray mixed = eval(x.get(i, 1, T.constant(new long[] {4})), List.of(x, i), xv, new int[] {1, 0});
        assertThat(mixed.toDoubleArray()).containsExactly(xv.get(15 + 5 + 4), xv.get(5 + 4));
        GradCheck.check(List.of(x, i), pairs, 0, xv, new int[] {1, 0, 1});
    }

    @Test
    void negativeLogLikelihoodValueAndGradientWithRespectToP() {
        var p = T.matrix("p");
        var y = T.lvector("y");
        double[][] pv = {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}, {0.7, 0.1, 0.1, 0.1}};
        long[] yv = {3, 0, 0};
        TensorVariable picked = T.log(p).get(T.constant(ROWS), y);
        assertThat(picked.type().shape()).containsExactly(3);
        double expected = -(Math.log(0.4) + Math.log(0.25) + Math.log(0.7)) / 3;
        assertThat(eval(nll(p, y), List.of(p, y), pv, yv).doubleValue()).isCloseTo(expected, within(1e-12));
        NDArray g = eval(T.grad(nll(p, y), p), List.of(p, y), pv, yv);
        double[] byHand = new double[12];
        for (int r = 0; r < 3; r++) {
            byHand[r * 4 + (int) yv[r]] = -1.0 / (3 * pv[r][(int) yv[r]]);
        }
        assertThat(g.toDoubleArray()).containsExactly(byHand, within(1e-12));
        GradCheck.check(List.of(p, y), nll(p, y), 0, NDArray.of(pv), yv);
    }

    @Test
    void negativeLogLikelihoodOfAHandWrittenSoftmaxHasGradientSoftmaxMinusOneHot() {
        var x = T.matrix("x");
        var y = T.lvector("y");
        NDArray xv = GradCheck.random(rng, 3, 4);
        long[] yv = {1, 3, 1};
        NDArray g = eval(T.grad(nll(softmax(x), y), x), List.of(x, y), xv, yv);
        for (int r = 0; r < 3; r++) {
            double z = 0;
            for (int c = 0; c < 4; c++) {
                z += Math.exp(xv.get(r * 4 + c));
            }
            for (int c = 0; c < 4; c++) {
                double expected = (Math.exp(xv.get(r * 4 + c)) / z - (c == yv[r] ? 1 : 0)) / 3;
                assertThat(g.get(r * 4 + c)).isCloseTo(expected, within(1e-12));
            }
        }
        GradCheck.check(List.of(x, y), nll(softmax(x), y), 0, xv, yv);
    }

    @Test
    void incrementAccumulatesDuplicatesAndSetKeepsTheLastWrite() {
        var x = T.matrix("x");
        var v = T.matrix("v");
        var idx = T.constant(new long[] {0, 2, 0});
        NDArray xv = GradCheck.random(rng, 3, 4);
        NDArray vv = GradCheck.random(rng, 3, 4);
        NDArray inc = eval(T.incSubtensor(x.get(idx), v), List.of(x, v), xv, vv);
        NDArray set = eval(T.setSubtensor(x.get(idx), v), List.of(x, v), xv, vv);
        for (int c = 0; c < 4; c++) {
            assertThat(inc.get(c)).isCloseTo(xv.get(c) + vv.get(c) + vv.get(8 + c), within(1e-15));
            assertThat(inc.get(4 + c)).isEqualTo(xv.get(4 + c));
            assertThat(inc.get(8 + c)).isCloseTo(xv.get(8 + c) + vv.get(4 + c), within(1e-15));
            assertThat(set.get(c)).isEqualTo(vv.get(8 + c));
            assertThat(set.get(4 + c)).isEqualTo(xv.get(4 + c));
            assertThat(set.get(8 + c)).isEqualTo(vv.get(4 + c));
        }
        // the gradient of x[idx] with repeated rows accumulates, like numpy.add.at
        NDArray g = eval(T.grad(x.get(idx).sum(), x), List.of(x), xv);
        assertThat(g.toDoubleArray()).containsExactly(2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void advancedSetAndIncrementGradientsMatchFiniteDifferences() {
        var x = T.tensor3("x");
        var v = T.tensor(DType.FLOAT64, "v", 1, 5);
        var i = T.lvector("i");
        NDArray xv = GradCheck.random(rng, 2, 3, 5);
        NDArray vv = GradCheck.random(rng, 1, 5);
        long[] iv = {1, 0, 1};
        for (boolean set : new boolean[] {true, false}) {
            TensorVariable region = x.get(T.constant(new long[] {0, 1, 1}), i);
            TensorVariable y = set ? T.setSubtensor(region, v) : T.incSubtensor(region, v);
            assertThat(y.type()).isEqualTo(x.type());
            GradCheck.check(List.of(x, v, i), y, 0, xv, vv, iv);
            GradCheck.check(List.of(x, v, i), y, 1, xv, vv, iv);
        }
    }

    @Test
    void unsupportedPatternsAndBadIndicesFailClearly() {
        var x = T.matrix("x");
        var idx = T.lvector("idx");
        assertThatThrownBy(() -> x.get(Slice.ALL, idx)).isInstanceOf(GradusException.class)
                .hasMessageContaining("advanced indexing pattern [:, vector] is not supported");
        assertThatThrownBy(() -> x.get(idx, T.slice(1, 3))).isInstanceOf(GradusException.class)
                .hasMessageContaining("[vector, 1:3] is not supported");
        assertThatThrownBy(() -> T.tensor(DType.FLOAT64, "k", 3, 4).get(T.constant(new long[] {0, 1}),
                T.constant(new long[] {0, 1, 2}))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("index vectors of lengths 2 and 3 do not broadcast");
        assertThatThrownBy(() -> eval(x.get(idx), List.of(x, idx), GradCheck.random(rng, 3, 4), new long[] {0, 3}))
                .hasMessageContaining("index 3 is out of bounds for axis 0 with length 3");
        var j = T.lvector("j");
        assertThatThrownBy(() -> eval(x.get(idx, j), List.of(x, idx, j), GradCheck.random(rng, 3, 4),
                new long[] {0, 1}, new long[] {0, 1, 2})).isInstanceOf(ShapeException.class)
                .hasMessageContaining("index vectors of lengths 2 and 3 do not broadcast");
    }
}
