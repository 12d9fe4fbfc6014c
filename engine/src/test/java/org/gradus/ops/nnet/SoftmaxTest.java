package org.gradus.ops.nnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private static final int[] SHAPE = {3, 5};

    /** Plain-Java softmax of each row, for reference. */
    private static double[][] softmaxRows(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x[i]) {
                max = Math.max(max, v);
            }
            double total = 0;
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = Math.exp(x[i][j] - max);
                total += out[i][j];
            }
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] /= total;
            }
        }
        return out;
    }

    private static double[] flat(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void softmaxOfAMatrixMatchesJavaLoopsAndRowsSumToOne() {
        NDArray x = GradCheck.random(SHAPE, 1, -3, 3);
        TensorVariable v = T.dmatrix("x");
        NDArray out = Gradus.function(List.of(v), T.softmax(v)).call(x);
        assertThat(out.shape()).containsExactly(3, 5);
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(out.toDoubleArray()).containsExactly(flat(softmaxRows(x.toDoubleMatrix())), within(1e-15));
        for (int i = 0; i < 3; i++) {
            double total = 0;
            for (int j = 0; j < 5; j++) {
                total += out.getAt(i, j);
            }
            assertThat(total).isCloseTo(1.0, within(1e-14));
        }
    }

    @Test
    void softmaxOfAVectorIsOneRow() {
        double[] x = {0.5, -1.0, 2.0, 0.0};
        TensorVariable v = T.dvector("v");
        NDArray out = Gradus.function(List.of(v), T.softmax(v)).call(x);
        assertThat(out.shape()).containsExactly(4);
        assertThat(out.toDoubleArray()).containsExactly(softmaxRows(new double[][] {x})[0], within(1e-15));
    }

    @Test
    void logSoftmaxMatchesLogOfJavaSoftmax() {
        NDArray x = GradCheck.random(SHAPE, 2, -3, 3);
        TensorVariable v = T.dmatrix("x");
        NDArray out = Gradus.function(List.of(v), T.logSoftmax(v)).call(x);
        double[] expected = java.util.Arrays.stream(flat(softmaxRows(x.toDoubleMatrix()))).map(Math::log).toArray();
        assertThat(out.shape()).containsExactly(3, 5);
        assertThat(out.toDoubleArray()).containsExactly(expected, within(1e-14));

        double[] xv = {1.0, 2.0, 3.0};
        TensorVariable u = T.dvector("u");
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertThat(Gradus.function(List.of(u), T.logSoftmax(u)).call(xv).toDoubleArray())
                .containsExactly(new double[] {1 - lse, 2 - lse, 3 - lse}, within(1e-15));
    }

    @Test
    void hugeLogitsStayFiniteAndCorrect() {
        double[][] x = {{1000, 1000, -1000}, {-1000, 0, 1000}};
        TensorVariable v = T.dmatrix("x");
        NDArray sm = Gradus.function(List.of(v), T.softmax(v)).call(x);
        assertThat(sm.toDoubleArray()).containsExactly(new double[] {0.5, 0.5, 0, 0, 0, 1}, within(1e-15));
        NDArray lsm = Gradus.function(List.of(v), T.logSoftmax(v)).call(x);
        double log2 = Math.log(2);
        assertThat(lsm.toDoubleArray()).containsExactly(new double[] {-log2, -log2, -2000 - log2, -2000, -1000, 0},
                within(1e-12));
    }

    @Test
    void float32IsPreservedAndIntegersBecomeFloatX() {
        TensorVariable f = T.fmatrix("f");
        assertThat(T.softmax(f).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(T.logSoftmax(f).dtype()).isEqualTo(DType.FLOAT32);
        NDArray out = Gradus.function(List.of(f), T.softmax(f)).call(new float[][] {{1f, 2f}, {3f, 3f}});
        assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
        double e = 1 / (1 + Math.exp(1));
        assertThat(out.toDoubleArray()).containsExactly(new double[] {e, 1 - e, 0.5, 0.5}, within(1e-7));
        assertThat(T.softmax(T.imatrix("i")).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void badInputsAreRejected() {
        assertThatThrownBy(() -> T.softmax(T.tensor3("t"))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("softmax").hasMessageContaining("vector or a matrix");
        assertThatThrownBy(() -> new Softmax().apply(T.imatrix("i"))).isInstanceOf(DTypeException.class)
                .hasMessageContaining("float dtype");
    }

    @Test
    void softmaxGradientIsNumericallyRight() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable cost = GradCheck.weightedSum(T.softmax(x), SHAPE, 3);
        GradCheck.check(List.of(x), cost, 0, GradCheck.random(SHAPE, 4, -2, 2));

        TensorVariable v = T.dvector("v");
        TensorVariable vcost = GradCheck.weightedSum(T.softmax(v), new int[] {4}, 5);
        GradCheck.check(List.of(v), vcost, 0, GradCheck.random(new int[] {4}, 6, -2, 2));
    }

    @Test
    void logSoftmaxGradientIsNumericallyRight() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable cost = GradCheck.weightedSum(T.logSoftmax(x), SHAPE, 7);
        GradCheck.check(List.of(x), cost, 0, GradCheck.random(SHAPE, 8, -2, 2));
    }

    @Test
    void secondDerivativeOfASoftmaxCostIsNumericallyRight() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable cost = GradCheck.weightedSum(T.softmax(x), SHAPE, 9);
        TensorVariable g = T.grad(cost, x);
        TensorVariable gradCost = T.sum(T.sqr(g));
        NDArray value = GradCheck.random(SHAPE, 10, -2, 2);
        assertThat(java.util.Arrays.stream(Gradus.function(List.of(x), T.grad(gradCost, x)).call(value)
                .toDoubleArray())).allMatch(Double::isFinite);
        GradCheck.check(List.of(x), gradCost, 0, value);

        TensorVariable lcost = GradCheck.weightedSum(T.logSoftmax(x), SHAPE, 11);
        GradCheck.check(List.of(x), T.sum(T.sqr(T.grad(lcost, x))), 0, value);
    }
}
