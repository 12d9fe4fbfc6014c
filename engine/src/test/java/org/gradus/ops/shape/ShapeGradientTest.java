package org.gradus.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;
import org.junit.jupiter.api.Test;

/** Symbolic gradients of the shape ops against central differences. */
class ShapeGradientTest {
    private static final int U = TensorType.UNKNOWN;
    private static final double EPS = 1e-6;

    private static NDArray random(long seed, int... shape) {
        Random rng = new Random(seed);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] flat = new double[size];
        for (int i = 0; i < size; i++) {
            flat[i] = rng.nextGaussian();
        }
        return NDArray.fromFlat(DType.FLOAT64, shape, flat);
    }

    /**
     * Checks {@code T.grad(sum(expr * W), inputs)} against central differences of the same cost, for a
     * fixed random weight tensor {@code W} of the run-time shape of {@code expr}.
     */
    private static void assertGradientsMatch(List<TensorVariable> inputs, TensorVariable expr, NDArray... values) {
        NDArray value = Gradus.function(inputs, expr).callAll((Object[]) values).get(0);
        TensorVariable cost = T.sum(expr.mul(T.constant(random(99, value.shape()))));
        Function costFn = Gradus.function(inputs, cost);
        List<NDArray> grads = Gradus.function(inputs, T.grad(cost, inputs)).callAll((Object[]) values);
        for (int k = 0; k < inputs.size(); k++) {
            NDArray grad = grads.get(k);
            assertThat(grad.shape()).as("gradient shape of input %d", k).containsExactly(values[k].shape());
            for (int i = 0; i < values[k].size(); i++) {
                NDArray[] plus = copies(values);
                NDArray[] minus = copies(values);
                plus[k].set(i, values[k].get(i) + EPS);
                minus[k].set(i, values[k].get(i) - EPS);
                double numeric = (costFn.callAll((Object[]) plus).get(0).doubleValue()
                        - costFn.callAll((Object[]) minus).get(0).doubleValue()) / (2 * EPS);
                double analytic = grad.get(i);
                assertThat(Math.abs(numeric - analytic))
                        .as("d cost / d input %d element %d: numeric %s, analytic %s", k, i, numeric, analytic)
                        .isLessThanOrEqualTo(1e-6 * Math.abs(analytic) + 1e-8);
            }
        }
    }

    private static NDArray[] copies(NDArray[] values) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray v : values) {
            out.add(v.copy());
        }
        return out.toArray(new NDArray[0]);
    }

    @Test
    void transposeAndDimshuffle() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", U, U, U);
        assertGradientsMatch(List.of(x), T.sqr(T.transpose(x)), random(1, 2, 3, 4));
        assertGradientsMatch(List.of(x), x.dimshuffle(2, -1, 0, 1).mul(x.dimshuffle(2, -1, 0, 1)), random(2, 2, 3, 4));
        TensorVariable r = T.tensor(DType.FLOAT64, "r", 1, U);
        assertGradientsMatch(List.of(r), T.tanh(r.dimshuffle(1)), random(3, 1, 5));
    }

    @Test
    void reshapeAndFlatten() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", U, U, U);
        assertGradientsMatch(List.of(x), T.sqr(x.reshape(4, -1)), random(4, 2, 3, 4));
        assertGradientsMatch(List.of(x), T.tanh(T.flatten(x, 2)), random(5, 2, 3, 4));
        assertGradientsMatch(List.of(x), T.sqr(x.flatten()), random(6, 3, 2, 4));
    }

    @Test
    void concatenateAlongBothAxesOfMatrices() {
        TensorVariable a = T.dmatrix("a");
        TensorVariable b = T.dmatrix("b");
        assertGradientsMatch(List.of(a, b), T.sqr(T.concatenate(List.of(a, b), 0)), random(7, 2, 3), random(8, 4, 3));
        assertGradientsMatch(List.of(a, b), T.tanh(T.concatenate(List.of(a, b, a), 1)),
                random(9, 3, 2), random(10, 3, 5));
    }

    @Test
    void concatenateGradientOfAFloat32InputKeepsItsDtype() {
        TensorVariable a = T.fvector("a");
        TensorVariable b = T.dvector("b");
        TensorVariable cost = T.sum(T.concatenate(List.of(a, b), 0).mul(T.constant(new double[] {1, 2, 3, 4, 5})));
        List<TensorVariable> g = T.grad(cost, List.of(a, b));
        assertThat(g.get(0).dtype()).isEqualTo(DType.FLOAT32);
        List<NDArray> out = Gradus.function(List.of(a, b), g).callAll(new float[] {0.5f, 1.5f}, new double[] {1, 2, 3});
        assertThat(out.get(0).toDoubleArray()).containsExactly(1, 2);
        assertThat(out.get(1).toDoubleArray()).containsExactly(3, 4, 5);
    }

    @Test
    void secondDerivativeThroughTheConcatenateGradient() {
        TensorVariable a = T.dvector("a");
        TensorVariable b = T.dvector("b");
        TensorVariable cost = T.sum(T.concatenate(List.of(a, b), 0).pow(3));
        TensorVariable gradNorm = T.sum(T.sqr(T.grad(cost, a)));
        assertGradientsMatch(List.of(a, b), gradNorm, random(11, 3), random(12, 2));
    }

    @Test
    void stackAlongTheMiddleAxis() {
        TensorVariable a = T.dmatrix("a");
        TensorVariable b = T.dmatrix("b");
        assertGradientsMatch(List.of(a, b), T.sqr(T.stack(List.of(a, b, a), 1)), random(13, 2, 3), random(14, 2, 3));
    }

    @Test
    void allocValueInput() {
        TensorVariable v = T.dscalar("v");
        TensorVariable x = T.dmatrix("x");
        TensorVariable filled = T.alloc(v.mul(v), x.shape());
        assertGradientsMatch(List.of(v), T.tanh(T.alloc(v.mul(v), new int[] {2, 3})), NDArray.of(0.7));
        NDArray g = Gradus.function(List.of(v, x), T.grad(T.sum(filled), v)).callAll(1.5, random(15, 2, 3)).get(0);
        assertThat(g.doubleValue()).isCloseTo(2 * 1.5 * 6, org.assertj.core.data.Offset.offset(1e-12));
    }
}
