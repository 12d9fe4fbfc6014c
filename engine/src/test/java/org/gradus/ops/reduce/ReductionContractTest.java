package org.gradus.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.gradus.ShapeException;
import org.gradus.TestValues;
import org.gradus.grad.VerifyGrad;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Values, shapes, dtypes and gradients of sum, prod, max, min, mean, argmax and argmin. */
class ReductionContractTest {
    private static final int[] SHAPE = {2, 3, 4};

    /** One reduction: the facade call with axes ({@code null} = all) and keepDims, and a plain-Java reference. */
    record Reduction(String name, Call call, DoubleBinaryOperator combine, double identity, boolean mean) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A facade reduction with explicit axes and keepDims. */
    interface Call {
        TensorVariable apply(TensorVariable x, int[] axes, boolean keepDims);
    }

    static Stream<Reduction> reductions() {
        return Stream.of(
                new Reduction("sum", (x, a, k) -> a == null ? T.sum(x) : T.sum(x, a, k), Double::sum, 0, false),
                new Reduction("prod", (x, a, k) -> a == null ? T.prod(x) : T.prod(x, a, k), (p, v) -> p * v, 1, false),
                new Reduction("max", (x, a, k) -> a == null ? T.max(x) : T.max(x, a, k), Math::max,
                        Double.NEGATIVE_INFINITY, false),
                new Reduction("min", (x, a, k) -> a == null ? T.min(x) : T.min(x, a, k), Math::min,
                        Double.POSITIVE_INFINITY, false),
                new Reduction("mean", (x, a, k) -> a == null ? T.mean(x) : T.mean(x, a, k), Double::sum, 0, true));
    }

    /** Axis lists: one axis, a negative axis, several axes, several negative axes and every axis. */
    static final int[][] AXES = {{1}, {-1}, {0, 2}, {-3, -2}, {0, 1, 2}};

    @ParameterizedTest
    @MethodSource("reductions")
    void valuesAndShapesForEveryAxisChoice(Reduction r) {
        NDArray x = TestValues.uniform(41, 0.5, 1.5, SHAPE);
        // mean counts elements with T.shape; known lengths make the counts constants
        TensorVariable xs = T.tensor(DType.FLOAT64, "x", SHAPE);
        for (int[] axes : AXES) {
            for (boolean keep : new boolean[] {false, true}) {
                NDArray out = TestValues.run(List.of(xs), r.call().apply(xs, axes, keep), x);
                NDArray expected = reference(r, x, axes, keep);
                String what = r.name() + Arrays.toString(axes) + " keepDims=" + keep;
                assertThat(out.shape()).as(what).containsExactly(expected.shape());
                assertThat(out.toDoubleArray()).as(what).containsExactly(expected.toDoubleArray(), within(1e-13));
            }
        }
        NDArray all = TestValues.run(List.of(xs), r.call().apply(xs, null, false), x);
        assertThat(all.ndim()).isZero();
        assertThat(all.doubleValue()).isCloseTo(reference(r, x, new int[] {0, 1, 2}, false).doubleValue(), within(1e-13));
    }

    @ParameterizedTest
    @MethodSource("reductions")
    void gradientsForEveryAxisChoice(Reduction r) {
        if (r.mean()) {
            meanGradientIsTheSumGradientOverTheCount();
            return;
        }
        // distinct values away from zero: max/min have no ties, prod has no zero factor
        NDArray x = TestValues.uniform(42, 0.5, 1.5, SHAPE);
        for (int[] axes : AXES) {
            for (boolean keep : new boolean[] {false, true}) {
                VerifyGrad.verifyGradSingleInput(v -> r.call().apply(v, axes, keep), x);
            }
        }
        VerifyGrad.verifyGradSingleInput(v -> r.call().apply(v, null, false), x);
    }

    @ParameterizedTest
    @MethodSource("reductions")
    void resultDtypes(Reduction r) {
        TensorVariable f = T.tensor(DType.FLOAT32, "f", 2, 3);
        TensorVariable i = T.tensor(DType.INT32, "i", 2, 3);
        assertThat(r.call().apply(f, new int[] {0}, false).dtype()).isEqualTo(DType.FLOAT32);
        DType onInt = r.mean() ? DType.FLOAT64 : r.name().equals("sum") || r.name().equals("prod") ? DType.INT64 : DType.INT32;
        TensorVariable y = r.call().apply(i, new int[] {1}, false);
        assertThat(y.dtype()).isEqualTo(onInt);
        NDArray out = TestValues.run(List.of(i), y, (Object) new int[][] {{1, 2, 3}, {-4, 5, 6}});
        assertThat(out.dtype()).isEqualTo(onInt);
        NDArray expected = reference(r, NDArray.of(new double[][] {{1, 2, 3}, {-4, 5, 6}}), new int[] {1}, false);
        assertThat(out.toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-15));
    }

    private static void meanGradientIsTheSumGradientOverTheCount() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", SHAPE);
        NDArray value = TestValues.uniform(43, -1, 1, SHAPE);
        for (int[] axes : AXES) {
            int count = 1;
            for (int a : axes) {
                count *= SHAPE[a < 0 ? a + 3 : a];
            }
            NDArray weights = TestValues.uniform(44, 0.5, 1.5, T.sum(x, axes, true).type().shape());
            TensorVariable viaMean = T.grad(T.sum(T.mean(x, axes, true).mul(T.constant(weights))), x);
            TensorVariable viaSum = T.grad(T.sum(T.sum(x, axes, true).mul(T.constant(weights))), x).div(count);
            List<NDArray> g = org.gradus.Gradus.function(List.of(x), List.of(viaMean, viaSum)).callAll(value);
            assertThat(g.get(0).toDoubleArray()).as("mean" + Arrays.toString(axes))
                    .containsExactly(g.get(1).toDoubleArray(), within(1e-15));
        }
        VerifyGrad.verifyGradSingleInput(v -> T.sum(v, new int[] {0, 2}, true), value);
    }

    @Test
    void maxAndMinPropagateNaNAndSumKeepsInfinities() {
        TensorVariable v = T.dvector("v");
        double[] values = {1, Double.NaN, 3};
        assertThat(TestValues.run(List.of(v), T.max(v), (Object) values).doubleValue()).isNaN();
        assertThat(TestValues.run(List.of(v), T.min(v), (Object) values).doubleValue()).isNaN();
        assertThat(TestValues.run(List.of(v), T.sum(v), (Object) new double[] {1, Double.POSITIVE_INFINITY}).doubleValue())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(TestValues.run(List.of(v), T.sum(v), (Object) new double[0]).doubleValue()).isZero();
        assertThat(TestValues.run(List.of(v), T.prod(v), (Object) new double[0]).doubleValue()).isEqualTo(1);
    }

    @Test
    void maxGradientGoesToEveryTiedMaximum() {
        TensorVariable v = T.dvector("v");
        NDArray g = TestValues.run(List.of(v), T.grad(T.max(v), v), (Object) new double[] {3, 1, 3, 2});
        assertThat(g.toDoubleArray()).containsExactly(1, 0, 1, 0);
    }

    @Test
    void argmaxAndArgminAlongAxesWithTiesAndNaN() {
        TensorVariable m = T.matrix("m");
        double[][] values = {{1, 5, 5, -2}, {7, 0, 7, 7}, {-1, -3, 2, -3}};
        assertThat(T.argmax(m, 1).dtype()).isEqualTo(DType.INT64);
        assertThat(TestValues.run(List.of(m), T.argmax(m, 1), (Object) values).toDoubleArray()).containsExactly(1, 0, 2);
        assertThat(TestValues.run(List.of(m), T.argmin(m, -1), (Object) values).toDoubleArray()).containsExactly(3, 1, 1);
        assertThat(TestValues.run(List.of(m), T.argmax(m, 0), (Object) values).toDoubleArray()).containsExactly(1, 0, 1, 1);
        assertThat(TestValues.run(List.of(m), T.argmin(m, 0), (Object) values).toDoubleArray()).containsExactly(2, 2, 2, 2);
        assertThat(TestValues.run(List.of(m), T.argmax(m), (Object) values).doubleValue()).isEqualTo(4);
        assertThat(TestValues.run(List.of(m), T.argmin(m), (Object) values).doubleValue()).isEqualTo(9);
        TensorVariable v = T.dvector("v");
        assertThat(TestValues.run(List.of(v), T.argmax(v), (Object) new double[] {1, Double.NaN, 9}).doubleValue())
                .isEqualTo(1);
        // an index is locally constant: no gradient flows back through it
        NDArray g = TestValues.run(List.of(v), T.grad(T.cast(T.argmax(v), DType.FLOAT64).add(T.sum(v)), v),
                (Object) new double[] {1, 4, 2});
        assertThat(g.toDoubleArray()).containsExactly(1, 1, 1);
    }

    @Test
    void badAxesAreRejectedWithTheirNumbers() {
        TensorVariable x = T.tensor3("x");
        assertThatThrownBy(() -> T.sum(x, 3)).isInstanceOf(ShapeException.class).hasMessageContaining("axis 3");
        assertThatThrownBy(() -> T.max(x, -4)).isInstanceOf(ShapeException.class).hasMessageContaining("axis -4");
        assertThatThrownBy(() -> T.sum(x, 1, -2)).isInstanceOf(ShapeException.class).hasMessageContaining("twice");
    }

    /** The reduction computed with plain loops over the flat C-order data. */
    private static NDArray reference(Reduction r, NDArray x, int[] axes, boolean keep) {
        int[] shape = x.shape();
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            reduced[a < 0 ? a + shape.length : a] = true;
        }
        int[] kept = new int[shape.length];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            kept[i] = reduced[i] ? 1 : shape[i];
            count *= reduced[i] ? shape[i] : 1;
        }
        NDArray acc = NDArray.full(DType.FLOAT64, r.identity(), kept);
        for (int flat = 0; flat < x.size(); flat++) {
            int[] index = TestValues.unravel(flat, shape);
            int target = 0;
            for (int i = 0; i < shape.length; i++) {
                target = target * kept[i] + (reduced[i] ? 0 : index[i]);
            }
            acc.set(target, r.combine().applyAsDouble(acc.get(target), x.get(flat)));
        }
        for (int i = 0; r.mean() && i < acc.size(); i++) {
            acc.set(i, acc.get(i) / count);
        }
        return keep ? acc : acc.reshape(dropped(kept, reduced));
    }

    private static int[] dropped(int[] kept, boolean[] reduced) {
        int n = 0;
        for (boolean b : reduced) {
            n += b ? 0 : 1;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < kept.length; i++) {
            if (!reduced[i]) {
                out[k++] = kept[i];
            }
        }
        return out;
    }
}
