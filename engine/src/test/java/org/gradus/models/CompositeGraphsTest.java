package org.gradus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** Whole models of the course, checked numerically end to end. */
class CompositeGraphsTest {
    private static final Random RANDOM = new Random(20160614);

    private static double[][] randomMatrix(int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (RANDOM.nextDouble() * 2 - 1) * scale;
            }
        }
        return m;
    }

    @Test
    void mlpLayerGradientMatchesFiniteDifferences() {
        T.verifyGrad(in -> T.tanh(T.dot(in.get(0), in.get(1)).add(in.get(2))).sum(),
                List.of(randomMatrix(4, 3, 1), randomMatrix(3, 5, 1), new double[] {0.1, -0.2, 0.3, 0, 0.5}));
    }

    @Test
    void softmaxNegativeLogLikelihoodWithAdvancedIndexing() {
        long[] labels = {2, 0, 4, 1};
        TensorVariable y = T.constant(labels);
        T.verifyGrad(in -> {
            TensorVariable p = T.softmax(T.dot(in.get(0), in.get(1)));
            return T.log(p).get(T.arange(y.shape(0)), y).mean().neg();
        }, List.of(randomMatrix(4, 3, 1), randomMatrix(3, 5, 1)));
    }

    @Test
    void autoencoderReconstructionCostGradient() {
        T.verifyGrad(in -> {
            TensorVariable x = in.get(0);
            TensorVariable w = in.get(1);
            TensorVariable hidden = T.sigmoid(T.dot(x, w).add(in.get(2)));
            TensorVariable z = T.sigmoid(T.dot(hidden, w.transpose()).add(in.get(3)));
            TensorVariable l = T.sum(x.mul(T.log(z)).add(T.sub(1, x).mul(T.log(T.sub(1, z)))), 1).neg();
            return l.mean();
        }, List.of(uniform01(5, 6), randomMatrix(6, 4, 0.5), new double[] {0, 0.1, -0.1, 0.2},
                new double[] {0.1, 0, 0, -0.1, 0.2, 0}));
    }

    private static double[][] uniform01(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = 0.05 + 0.9 * RANDOM.nextDouble();
            }
        }
        return m;
    }

    /** The seed's MLP: tanh hidden layer, softmax output, NLL + L1 + L2, four updates in one function. */
    @Test
    void mlpTrainingStepLowersTheCostAndUpdatesFourParameters() {
        int nIn = 6;
        int nHidden = 5;
        int nOut = 3;
        double bound = Math.sqrt(6.0 / (nIn + nHidden));
        SharedVariable hW = Gradus.shared(randomMatrix(nIn, nHidden, bound), "hW");
        SharedVariable hB = Gradus.shared(new double[nHidden], "hb");
        SharedVariable oW = Gradus.shared(new double[nHidden][nOut], "oW");
        SharedVariable oB = Gradus.shared(new double[nOut], "ob");
        var x = T.matrix("x");
        var y = T.lvector("y");
        TensorVariable hidden = T.tanh(T.dot(x, hW).add(hB));
        TensorVariable p = T.softmax(T.dot(hidden, oW).add(oB));
        TensorVariable nll = T.log(p).get(T.arange(y.shape(0)), y).mean().neg();
        TensorVariable l1 = T.abs(hW).sum().add(T.abs(oW).sum());
        TensorVariable l2 = T.sqr(hW).sum().add(T.sqr(oW).sum());
        TensorVariable cost = nll.add(l1.mul(0.0001)).add(l2.mul(0.0001));
        List<SharedVariable> params = List.of(hW, hB, oW, oB);
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, Object> updates = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            updates.put(params.get(i), params.get(i).sub(grads.get(i).mul(0.5)));
        }
        Function train = Gradus.function(List.of(x, y), cost, updates);
        Function errors = Gradus.function(List.of(x, y), T.mean(T.neq(y, T.argmax(p, 1))));

        double[][] data = randomMatrix(12, nIn, 1);
        long[] labels = new long[12];
        for (int i = 0; i < 12; i++) {
            labels[i] = data[i][0] > 0.3 ? 2 : (data[i][1] > 0 ? 1 : 0);
        }
        NDArray before = oW.getValue();
        // zero output weights give uniform probabilities: the first cost is log 3 plus the penalties
        double expectedFirst = Math.log(3) + 0.0001 * (l1Of(hW) + l2Of(hW));
        double first = train.call(data, labels).doubleValue();
        assertThat(first).isCloseTo(expectedFirst, within(1e-12));
        double last = first;
        for (int i = 0; i < 200; i++) {
            last = train.call(data, labels).doubleValue();
        }
        assertThat(last).isLessThan(first * 0.5);
        assertThat(oW.getValue()).isNotEqualTo(before);
        assertThat(errors.call(data, labels).doubleValue()).isLessThanOrEqualTo(0.25);
    }

    private static double l1Of(SharedVariable w) {
        double s = 0;
        for (double v : w.getValue().toDoubleArray()) {
            s += Math.abs(v);
        }
        return s;
    }

    private static double l2Of(SharedVariable w) {
        double s = 0;
        for (double v : w.getValue().toDoubleArray()) {
            s += v * v;
        }
        return s;
    }

    /** The denoising autoencoder's corruption works for any batch size through a symbolic shape. */
    @Test
    void denoisingAutoencoderStepWithSymbolicCorruptionShape() {
        RandomStreams rs = new RandomStreams(1234);
        SharedVariable w = Gradus.shared(randomMatrix(6, 4, 4 * Math.sqrt(6.0 / 10)), "W");
        SharedVariable bh = Gradus.shared(new double[4], "b");
        SharedVariable bv = Gradus.shared(new double[6], "b_prime");
        var x = T.matrix("x");
        TensorVariable corrupted = rs.binomial(x.shape(), 1, 0.7).mul(x);
        TensorVariable hidden = T.sigmoid(T.dot(corrupted, w).add(bh));
        TensorVariable z = T.sigmoid(T.dot(hidden, w.transpose()).add(bv));
        TensorVariable cost = T.sum(x.mul(T.log(z)).add(T.sub(1, x).mul(T.log(T.sub(1, z)))), 1).neg().mean();
        List<TensorVariable> g = T.grad(cost, List.of(w, bh, bv));
        Function train = Gradus.function(List.of(x), cost,
                Map.of(w, w.sub(g.get(0).mul(0.1)), bh, bh.sub(g.get(1).mul(0.1)), bv, bv.sub(g.get(2).mul(0.1))));
        double a = train.call(uniform01(3, 6)).doubleValue();
        double b = train.call(uniform01(7, 6)).doubleValue();
        assertThat(a).isPositive().isFinite();
        assertThat(b).isPositive().isFinite();
    }
}
