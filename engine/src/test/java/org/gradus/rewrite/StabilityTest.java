package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** Saturated inputs: FAST_RUN gives finite values and gradients where Mode.NONE (the graph as written) does not. */
class StabilityTest {

    private static List<NDArray> run(Mode mode, List<TensorVariable> ins, List<TensorVariable> outs, Object... args) {
        Function f = Gradus.functionBuilder(ins).outputs(outs).mode(mode).build();
        return f.callAll(args);
    }

    private static boolean allFinite(NDArray a) {
        for (double v : a.toDoubleArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void logSigmoidOfMinus800() {
        TensorVariable x = T.dvector("x");
        TensorVariable out = T.log(T.sigmoid(x));
        List<TensorVariable> outs = List.of(out, T.grad(T.sum(out), x));
        NDArray in = NDArray.of(new double[] {-800, 0, 800});
        List<NDArray> none = run(Mode.NONE, List.of(x), outs, in);
        List<NDArray> fast = run(Mode.FAST_RUN, List.of(x), outs, in);
        assertThat(none.get(0).get(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(none.get(1).get(0)).isNaN();
        assertThat(fast.get(0).toDoubleArray()).containsExactly(-800, -Math.log(2), -0.0);
        assertThat(fast.get(1).toDoubleArray()).containsExactly(1, 0.5, 0);
    }

    @Test
    void softmaxCrossentropyWithLogitsOfPlusMinus1000() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.lvector("y");
        TensorVariable cost = T.sum(T.categoricalCrossentropy(T.softmax(x), y));
        List<TensorVariable> outs = List.of(cost, T.grad(cost, x));
        NDArray logits = NDArray.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 0}});
        NDArray labels = NDArray.of(new long[] {1, 1});
        List<NDArray> none = run(Mode.NONE, List.of(x, y), outs, logits, labels);
        List<NDArray> fast = run(Mode.FAST_RUN, List.of(x, y), outs, logits, labels);
        assertThat(none.get(0).doubleValue()).isInfinite();
        assertThat(allFinite(none.get(1))).isFalse();
        assertThat(fast.get(0).doubleValue()).isEqualTo(2000.0);
        assertThat(fast.get(1).toDoubleMatrix()).isDeepEqualTo(new double[][] {{1, -1, 0}, {0, 0, 0}});
    }

    @Test
    void negativeLogLikelihoodIdiomWithLogitsOfPlusMinus1000() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.lvector("y");
        TensorVariable cost = T.neg(T.mean(T.log(T.softmax(x)).get(T.arange(y.shape(0)), y)));
        List<TensorVariable> outs = List.of(cost, T.grad(cost, x));
        NDArray logits = NDArray.of(new double[][] {{1000, -1000}, {-1000, 1000}});
        NDArray labels = NDArray.of(new long[] {1, 1});
        List<NDArray> none = run(Mode.NONE, List.of(x, y), outs, logits, labels);
        List<NDArray> fast = run(Mode.FAST_RUN, List.of(x, y), outs, logits, labels);
        assertThat(none.get(0).doubleValue()).isInfinite();
        assertThat(allFinite(none.get(1))).isFalse();
        assertThat(fast.get(0).doubleValue()).isEqualTo(1000.0);
        assertThat(fast.get(1).toDoubleMatrix()).isDeepEqualTo(new double[][] {{0.5, -0.5}, {0, 0}});
    }

    @Test
    void binaryCrossentropyOfSaturatedSigmoids() {
        TensorVariable z = T.dvector("z");
        TensorVariable t = T.dvector("t");
        TensorVariable cost = T.sum(T.binaryCrossentropy(T.sigmoid(z), t));
        List<TensorVariable> outs = List.of(cost, T.grad(cost, z));
        NDArray logits = NDArray.of(new double[] {-800, 800, 40});
        NDArray targets = NDArray.of(new double[] {1, 0, 0});
        List<NDArray> none = run(Mode.NONE, List.of(z, t), outs, logits, targets);
        List<NDArray> fast = run(Mode.FAST_RUN, List.of(z, t), outs, logits, targets);
        assertThat(none.get(0).doubleValue()).isInfinite();
        assertThat(allFinite(none.get(1))).isFalse();
        assertThat(fast.get(0).doubleValue()).isCloseTo(1640.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fast.get(1).toDoubleArray()).containsExactly(-1, 1, 1);
    }
}
