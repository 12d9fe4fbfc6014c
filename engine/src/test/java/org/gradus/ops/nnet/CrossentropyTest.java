package org.gradus.ops.nnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.GradusException;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class CrossentropyTest {
    private static final int[] SHAPE = {3, 5};
    private static final int[] LABELS = {2, 0, 4};

    private static NDArray oneHot(int[] labels, int k) {
        double[][] rows = new double[labels.length][k];
        for (int i = 0; i < labels.length; i++) {
            rows[i][labels[i]] = 1;
        }
        return NDArray.of(rows);
    }

    @Test
    void labelsGiveMinusLogOfTheLabelledProbability() {
        NDArray p = GradCheck.random(SHAPE, 1, 0.05, 1);
        TensorVariable pv = T.dmatrix("p");
        TensorVariable y = T.ivector("y");
        TensorVariable nll = T.categoricalCrossentropy(pv, y);
        assertThat(nll.owner().op()).isEqualTo(new CategoricalCrossentropy1Hot());
        NDArray out = Gradus.function(List.of(pv, y), nll).call(p, NDArray.of(LABELS));
        assertThat(out.shape()).containsExactly(3);
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = -Math.log(p.getAt(i, LABELS[i]));
        }
        assertThat(out.toDoubleArray()).containsExactly(expected, within(1e-15));

        TensorVariable t = T.dmatrix("t");
        NDArray viaOneHot = Gradus.function(List.of(pv, t), T.categoricalCrossentropy(pv, t)).call(p, oneHot(LABELS, 5));
        assertThat(viaOneHot.toDoubleArray()).containsExactly(expected, within(1e-15));
    }

    @Test
    void softTargetsGiveMinusSumOfTargetTimesLog() {
        NDArray p = GradCheck.random(SHAPE, 2, 0.05, 1);
        NDArray t = GradCheck.random(SHAPE, 3, 0, 1);
        TensorVariable pv = T.dmatrix("p");
        TensorVariable tv = T.dmatrix("t");
        NDArray out = Gradus.function(List.of(pv, tv), T.categoricalCrossentropy(pv, tv)).call(p, t);
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 5; j++) {
                expected -= t.getAt(i, j) * Math.log(p.getAt(i, j));
            }
            assertThat(out.getAt(i)).isCloseTo(expected, within(1e-14));
        }
    }

    @Test
    void float32ProbabilitiesStayFloat32() {
        TensorVariable p = T.fmatrix("p");
        TensorVariable y = T.lvector("y");
        TensorVariable nll = T.categoricalCrossentropy(p, y);
        assertThat(nll.dtype()).isEqualTo(DType.FLOAT32);
        NDArray out = Gradus.function(List.of(p, y), nll).call(new float[][] {{0.25f, 0.75f}, {0.5f, 0.5f}},
                new long[] {1, 0});
        assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(out.toDoubleArray()).containsExactly(new double[] {-Math.log(0.75), Math.log(2)}, within(1e-7));
    }

    @Test
    void labelOutOfRangeNamesRowAndLabel() {
        TensorVariable p = T.dmatrix("p");
        TensorVariable y = T.ivector("y");
        Function f = Gradus.function(List.of(p, y), T.categoricalCrossentropy(p, y));
        NDArray probabilities = GradCheck.random(SHAPE, 4, 0.1, 1);
        assertThatThrownBy(() -> f.call(probabilities, NDArray.of(new int[] {0, 5, 1})))
                .isInstanceOf(GradusException.class)
                .hasMessageContaining("label 5 in row 1 is out of range [0, 5)");
        assertThatThrownBy(() -> f.call(probabilities, NDArray.of(new int[] {0, 1, -1})))
                .isInstanceOf(GradusException.class)
                .hasMessageContaining("label -1 in row 2 is out of range [0, 5)");
        assertThatThrownBy(() -> f.call(probabilities, NDArray.of(new int[] {0, 1})))
                .isInstanceOf(ShapeException.class).hasMessageContaining("one label per row");
    }

    @Test
    void unsupportedOperandsAreRejectedWithTheirTypes() {
        TensorVariable p = T.dmatrix("p");
        assertThatThrownBy(() -> T.categoricalCrossentropy(p, T.dvector("t")))
                .isInstanceOf(DTypeException.class).hasMessageContaining("t").hasMessageContaining("float64");
        assertThatThrownBy(() -> T.categoricalCrossentropy(T.imatrix("q"), T.ivector("y")))
                .isInstanceOf(DTypeException.class).hasMessageContaining("float matrix");
        assertThatThrownBy(() -> T.categoricalCrossentropy(T.tensor(DType.FLOAT64, "p", 3, 5),
                T.tensor(DType.INT32, "y", 4))).isInstanceOf(ShapeException.class).hasMessageContaining("3 rows")
                .hasMessageContaining("4 labels");
        assertThatThrownBy(() -> T.categoricalCrossentropy(T.tensor(DType.FLOAT64, "p", 3, 5),
                T.tensor(DType.FLOAT64, "t", 3, 4))).isInstanceOf(ShapeException.class).hasMessageContaining("(3, 4)")
                .hasMessageContaining("(3, 5)");
    }

    @Test
    void labelGradientIsMinusInverseProbabilityAtTheLabelsOnly() {
        TensorVariable p = T.dmatrix("p");
        TensorVariable y = T.ivector("y");
        TensorVariable gp = T.grad(T.sum(T.categoricalCrossentropy(p, y)), p);
        // a zero probability off the labels must not turn the gradient into NaN
        double[][] values = {{0.2, 0.0, 0.8}, {0.5, 0.25, 0.25}};
        NDArray out = Gradus.function(List.of(p, y), gp).call(values, new int[] {2, 1});
        assertThat(out.toDoubleArray()).containsExactly(new double[] {0, 0, -1.25, 0, -4, 0}, within(1e-15));
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void crossentropyGradientsAreNumericallyRight() {
        NDArray p = GradCheck.random(SHAPE, 5, 0.1, 1);
        TensorVariable pv = T.dmatrix("p");
        TensorVariable y = T.ivector("y");
        TensorVariable labelCost = GradCheck.weightedSum(T.categoricalCrossentropy(pv, y), new int[] {3}, 6);
        GradCheck.check(List.of(pv, y), labelCost, 0, p, NDArray.of(LABELS));

        TensorVariable t = T.dmatrix("t");
        TensorVariable matrixCost = GradCheck.weightedSum(T.categoricalCrossentropy(pv, t), new int[] {3}, 7);
        GradCheck.check(List.of(pv, t), matrixCost, 0, p, oneHot(LABELS, 5));
        GradCheck.check(List.of(pv, t), matrixCost, 1, p, GradCheck.random(SHAPE, 8, 0, 1));
    }

    @Test
    void binaryCrossentropyValuesAndGradients() {
        int[] shape = {2, 3};
        NDArray o = GradCheck.random(shape, 9, 0.05, 0.95);
        NDArray t = GradCheck.random(shape, 10, 0, 1);
        TensorVariable ov = T.dmatrix("o");
        TensorVariable tv = T.dmatrix("t");
        TensorVariable bce = T.binaryCrossentropy(ov, tv);
        NDArray out = Gradus.function(List.of(ov, tv), bce).call(o, t);
        assertThat(out.shape()).containsExactly(2, 3);
        for (int i = 0; i < 6; i++) {
            double expected = -(t.get(i) * Math.log(o.get(i)) + (1 - t.get(i)) * Math.log(1 - o.get(i)));
            assertThat(out.get(i)).isCloseTo(expected, within(1e-14));
        }
        TensorVariable cost = GradCheck.weightedSum(bce, shape, 11);
        GradCheck.check(List.of(ov, tv), cost, 0, o, t);
        GradCheck.check(List.of(ov, tv), cost, 1, o, t);
        assertThat(T.binaryCrossentropy(T.fmatrix("f"), T.fmatrix("g")).dtype()).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> T.binaryCrossentropy(T.imatrix("i"), tv)).isInstanceOf(DTypeException.class)
                .hasMessageContaining("float");
    }

    @Test
    void secondDerivativeThroughSoftmaxAndLabelCrossentropy() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.ivector("y");
        TensorVariable cost = T.sum(T.categoricalCrossentropy(T.softmax(x), y));
        TensorVariable gradCost = T.sum(T.sqr(T.grad(cost, x)));
        GradCheck.check(List.of(x, y), gradCost, 0, GradCheck.random(SHAPE, 12, -2, 2), NDArray.of(LABELS));
    }

    @Test
    void softmaxRegressionMeanNegativeLogLikelihood() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", 4, 3);
        TensorVariable w = T.dmatrix("W");
        TensorVariable b = T.dvector("b");
        TensorVariable y = T.ivector("y");
        TensorVariable probabilities = T.softmax(T.add(T.dot(x, w), b));
        TensorVariable cost = T.mean(T.categoricalCrossentropy(probabilities, y));
        NDArray xv = GradCheck.random(new int[] {4, 3}, 13, -1, 1);
        NDArray wv = GradCheck.random(new int[] {3, 5}, 14, -1, 1);
        NDArray bv = GradCheck.random(new int[] {5}, 15, -1, 1);
        NDArray yv = NDArray.of(new int[] {1, 4, 0, 2});
        List<TensorVariable> inputs = List.of(x, w, b, y);

        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double[] logits = new double[5];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 5; j++) {
                logits[j] = bv.get(j);
                for (int k = 0; k < 3; k++) {
                    logits[j] += xv.getAt(i, k) * wv.getAt(k, j);
                }
                max = Math.max(max, logits[j]);
            }
            double total = 0;
            for (double l : logits) {
                total += Math.exp(l - max);
            }
            expected += -(logits[(int) yv.getLong(i)] - max - Math.log(total)) / 4;
        }
        assertThat(Gradus.function(inputs, cost).call(xv, wv, bv, yv).doubleValue()).isCloseTo(expected, within(1e-14));
        GradCheck.check(inputs, cost, 1, xv, wv, bv, yv);
        GradCheck.check(inputs, cost, 2, xv, wv, bv, yv);
    }
}
