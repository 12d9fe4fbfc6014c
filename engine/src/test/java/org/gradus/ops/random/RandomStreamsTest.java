package org.gradus.ops.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.Config;
import org.gradus.DTypeException;
import org.gradus.GradientException;
import org.gradus.GradusException;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** RandomStreams: exact streams, reproducibility, symbolic shapes and sample statistics. */
class RandomStreamsTest {

    /** {@code count} words of stream {@code index} from block {@code counter}, straight from Philox.block. */
    private static int[] referenceWords(long seed, int index, long counter, int count) {
        long key = Philox.streamKey(seed, index);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            long block = counter + i / 4;
            int[] w = Philox.block(new int[] {(int) block, (int) (block >>> 32), 0, 0},
                    new int[] {(int) key, (int) (key >>> 32)});
            out[i] = w[i % 4];
        }
        return out;
    }

    private static double mean(NDArray a) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i);
        }
        return s / a.size();
    }

    private static double std(NDArray a) {
        double m = mean(a);
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (a.get(i) - m) * (a.get(i) - m);
        }
        return Math.sqrt(s / (a.size() - 1));
    }

    @Test
    void uniformFollowsTheDocumentedPhiloxMapping() {
        RandomStreams rs = new RandomStreams(42);
        TensorVariable u = rs.uniform(new int[] {2, 3}, -1.0, 3.0, DType.FLOAT64);
        Function f = Gradus.function(List.of(), u);
        NDArray first = f.call();
        NDArray second = f.call();
        assertThat(first.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(first.shape()).containsExactly(2, 3);
        // 6 doubles read 12 words = 3 blocks, so the second call starts at block 3
        int[] w1 = referenceWords(42, 0, 0, 12);
        int[] w2 = referenceWords(42, 0, 3, 12);
        for (int i = 0; i < 6; i++) {
            assertThat(first.get(i)).isEqualTo(-1.0 + 4.0 * Philox.toDouble(w1[2 * i], w1[2 * i + 1]));
            assertThat(second.get(i)).isEqualTo(-1.0 + 4.0 * Philox.toDouble(w2[2 * i], w2[2 * i + 1]));
        }
        assertThat(rs.states().get(0).getValue().getLong(1)).isEqualTo(6);
    }

    @Test
    void largeBinomialDrawsSplitOverThreadsReadTheStreamInOrder() {
        // 301 x 157 elements of 3 trials: 141,771 words, split over the cores at whole blocks
        RandomStreams rs = new RandomStreams(9);
        Function f = Gradus.function(List.of(), rs.binomial(new int[] {301, 157}, 3, 0.35, DType.FLOAT32));
        NDArray first = f.call();
        NDArray second = f.call();
        int n = 301 * 157;
        int[] w1 = referenceWords(9, 0, 0, 3 * n);
        long blocks = (3L * n + 3) / 4;
        int[] w2 = referenceWords(9, 0, blocks, 3 * n);
        for (int i = 0; i < n; i++) {
            int c1 = 0;
            int c2 = 0;
            for (int t = 0; t < 3; t++) {
                c1 += (w1[3 * i + t] & 0xFFFFFFFFL) * 0x1.0p-32 < 0.35 ? 1 : 0;
                c2 += (w2[3 * i + t] & 0xFFFFFFFFL) * 0x1.0p-32 < 0.35 ? 1 : 0;
            }
            if (first.get(i) != c1 || second.get(i) != c2) {
                assertThat(new double[] {first.get(i), second.get(i)}).as("element %d", i).containsExactly(c1, c2);
            }
        }
        assertThat(rs.states().get(0).getValue().getLong(1)).isEqualTo(2 * blocks);
    }

    @Test
    void normalFollowsBoxMullerOnTheStreamWithAnOddCount() {
        RandomStreams rs = new RandomStreams(3);
        rs.uniform(new int[] {4}, 0, 1);
        TensorVariable z = rs.normal(new int[] {3, 5}, 1.5, 2.0, DType.FLOAT64);
        NDArray got = Gradus.function(List.of(), z).call();
        // the second call of the stream uses index 1; 15 values need 8 pairs = 32 words
        int[] w = referenceWords(3, 1, 0, 32);
        for (int i = 0; i < 15; i++) {
            int pair = i / 2;
            double u1 = Philox.toDouble(w[4 * pair], w[4 * pair + 1]);
            double u2 = Philox.toDouble(w[4 * pair + 2], w[4 * pair + 3]);
            double r = Math.sqrt(-2 * Math.log(1 - u1));
            double zi = i % 2 == 0 ? r * Math.cos(2 * Math.PI * u2) : r * Math.sin(2 * Math.PI * u2);
            assertThat(got.get(i)).isEqualTo(1.5 + 2.0 * zi);
        }
    }

    @Test
    void sameSeedGivesIdenticalSamplesAcrossFreshStreams() {
        NDArray[] results = new NDArray[2];
        for (int k = 0; k < 2; k++) {
            RandomStreams rs = new RandomStreams(2024);
            TensorVariable u = rs.uniform(new int[] {3, 4}, 0, 1);
            TensorVariable b = rs.binomial(new int[] {3, 4}, 3, 0.4);
            results[k] = Gradus.function(List.of(), T.add(u, b)).call();
        }
        assertThat(results[0]).isEqualTo(results[1]);
        NDArray other = Gradus.function(List.of(), new RandomStreams(2025).uniform(new int[] {3, 4}, 0, 1)).call();
        assertThat(other).isNotEqualTo(results[0]);
    }

    @Test
    void consecutiveCallsDifferAndReseedingReproduces() {
        RandomStreams rs = new RandomStreams(11);
        Function f = Gradus.function(List.of(), List.of(rs.normal(new int[] {2, 5}, 0, 1), rs.uniform(new int[] {5}, 0, 1)));
        List<NDArray> a = f.callAll();
        List<NDArray> b = f.callAll();
        assertThat(b.get(0)).isNotEqualTo(a.get(0));
        assertThat(b.get(1)).isNotEqualTo(a.get(1));
        // the two draws of one call use different keys
        assertThat(a.get(0).get(0)).isNotEqualTo(a.get(1).get(0));
        rs.seed(11);
        List<NDArray> again = f.callAll();
        assertThat(again.get(0)).isEqualTo(a.get(0));
        assertThat(again.get(1)).isEqualTo(a.get(1));
        rs.seed(12);
        assertThat(f.callAll().get(0)).isNotEqualTo(a.get(0));
    }

    @Test
    void symbolicShapeFollowsTheInputBatchSize() {
        TensorVariable x = T.matrix("x");
        RandomStreams rs = new RandomStreams(5);
        Function f = Gradus.function(List.of(x), rs.uniform(T.shape(x), 2.0, 4.0));
        NDArray small = f.call(NDArray.zeros(DType.FLOAT64, 3, 5));
        NDArray large = f.call(NDArray.zeros(DType.FLOAT64, 7, 5));
        assertThat(small.shape()).containsExactly(3, 5);
        assertThat(large.shape()).containsExactly(7, 5);
        for (NDArray a : List.of(small, large)) {
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i)).isBetween(2.0, 4.0).isLessThan(4.0);
            }
        }
        // 15 doubles read 30 words = 8 blocks, then 35 doubles read 70 words = 18 blocks
        assertThat(rs.states().get(0).getValue().getLong(1)).isEqualTo(26);
    }

    @Test
    void bernoulliMeanIsWithinFourStandardErrors() {
        RandomStreams rs = new RandomStreams(99);
        TensorVariable b = rs.binomial(new int[] {100, 200}, 1, 0.7);
        assertThat(b.dtype()).isEqualTo(DType.INT64);
        NDArray draws = Gradus.function(List.of(), b).call();
        for (int i = 0; i < draws.size(); i++) {
            assertThat(draws.getLong(i)).isIn(0L, 1L);
        }
        double se = Math.sqrt(0.7 * 0.3 / 20000);
        assertThat(mean(draws)).isCloseTo(0.7, within(4 * se));
    }

    /** Successes among {@code trials} reference words per element, element i reading words from {@code i * trials}. */
    private static int[] referenceCounts(int[] words, int n, int trials, double[] p) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < trials; t++) {
                counts[i] += (words[i * trials + t] & 0xFFFFFFFFL) * 0x1.0p-32 < p[p.length == 1 ? 0 : i] ? 1 : 0;
            }
        }
        return counts;
    }

    private static void assertCounts(NDArray draws, int[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (draws.getLong(i) != expected[i]) {
                assertThat(draws.getLong(i)).as("element %d", i).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void bernoulliMasksOfEveryDTypeMatchTheReferenceStreamWordForWord() {
        // 257 x 131 elements, one trial each: whole chunks, a partial last chunk and a split over the cores
        int n = 257 * 131;
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.UINT8)) {
            RandomStreams rs = new RandomStreams(77);
            NDArray draws = Gradus.function(List.of(), rs.binomial(new int[] {257, 131}, 1, 0.7, dtype)).call();
            assertThat(draws.dtype()).isEqualTo(dtype);
            assertCounts(draws, referenceCounts(referenceWords(77, 0, 0, n), n, 1, new double[] {0.7}));
            assertThat(rs.states().get(0).getValue().getLong(1)).isEqualTo((n + 3) / 4);
        }
    }

    @Test
    void perElementProbabilitiesAndManyTrialsMatchTheReferenceStream() {
        // a probability per column (including exactly 0 and 1), and more trials than one chunk of words holds
        double[] column = {0.0, 0.25, 0.5, 1.0, 0.999};
        TensorVariable p = T.constant(column);
        RandomStreams rs = new RandomStreams(5);
        NDArray draws = Gradus.function(List.of(), rs.binomial(new int[] {7, 5}, 3, p, DType.INT64)).call();
        double[] perElement = new double[35];
        for (int i = 0; i < 35; i++) {
            perElement[i] = column[i % 5];
        }
        assertCounts(draws, referenceCounts(referenceWords(5, 0, 0, 35 * 3), 35, 3, perElement));
        RandomStreams many = new RandomStreams(6);
        NDArray large = Gradus.function(List.of(), many.binomial(new int[] {3}, 2500, 0.3, DType.INT64)).call();
        assertCounts(large, referenceCounts(referenceWords(6, 0, 0, 3 * 2500), 3, 2500, new double[] {0.3}));
    }

    @Test
    void binomialCountsTrialsWithASymbolicProbability() {
        TensorVariable p = T.dscalar("p");
        RandomStreams rs = new RandomStreams(8);
        Function f = Gradus.function(List.of(p), rs.binomial(new int[] {80, 50}, 5, p, DType.INT32));
        NDArray draws = f.call(0.3);
        assertThat(draws.dtype()).isEqualTo(DType.INT32);
        for (int i = 0; i < draws.size(); i++) {
            assertThat(draws.getLong(i)).isBetween(0L, 5L);
        }
        assertThat(mean(draws)).isCloseTo(1.5, within(4 * Math.sqrt(5 * 0.3 * 0.7 / 4000)));
        assertThat(mean(f.call(1.0))).isEqualTo(5.0);
        assertThat(mean(f.call(0.0))).isEqualTo(0.0);
        assertThatThrownBy(() -> f.call(1.5)).isInstanceOf(GradusException.class).hasMessageContaining("[0, 1]");
    }

    @Test
    void uniformStaysInRangeWithTheRightMean() {
        NDArray u = Gradus.function(List.of(), new RandomStreams(17).uniform(new int[] {200, 100}, -2.0, 3.0)).call();
        for (int i = 0; i < u.size(); i++) {
            assertThat(u.get(i)).isGreaterThanOrEqualTo(-2.0).isLessThan(3.0);
        }
        assertThat(mean(u)).isCloseTo(0.5, within(4 * 5 / Math.sqrt(12 * 20000.0)));
    }

    @Test
    void normalHasTheRequestedMeanAndStd() {
        NDArray z = Gradus.function(List.of(), new RandomStreams(23).normal(new int[] {100, 200}, 1.5, 2.0)).call();
        assertThat(mean(z)).isCloseTo(1.5, within(4 * 2.0 / Math.sqrt(20000)));
        assertThat(std(z)).isCloseTo(2.0, within(4 * 2.0 / Math.sqrt(2 * 20000)));
    }

    @Test
    void float32RequestsGiveFloat32SamplesFrom24BitUniforms() {
        RandomStreams rs = new RandomStreams(31);
        TensorVariable u = rs.uniform(new int[] {2, 3}, 0, 1, DType.FLOAT32);
        TensorVariable z = rs.normal(new int[] {2, 3}, 0, 1, DType.FLOAT32);
        TensorVariable b = rs.binomial(new int[] {2, 3}, 1, 0.5, DType.FLOAT32);
        List<NDArray> out = Gradus.function(List.of(), List.of(u, z, b)).callAll();
        for (NDArray a : out) {
            assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(a.shape()).containsExactly(2, 3);
        }
        int[] w = referenceWords(31, 0, 0, 6);
        for (int i = 0; i < 6; i++) {
            assertThat(out.get(0).get(i)).isEqualTo((double) Philox.toFloat(w[i]));
        }
        DType saved = Config.get().floatX();
        try {
            Config.get().setFloatX(DType.FLOAT32);
            assertThat(new RandomStreams(1).uniform(new int[] {2}, 0, 1).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(new RandomStreams(1).normal(new int[] {2}, 0, 1).dtype()).isEqualTo(DType.FLOAT32);
        } finally {
            Config.get().setFloatX(saved);
        }
    }

    @Test
    void parametersBroadcastAgainstTheSampleShape() {
        TensorVariable low = T.constant(new double[] {0, 10, 20});
        TensorVariable u = new RandomStreams(4).uniform(new int[] {4, 3}, low, T.add(low, 1.0), DType.FLOAT64);
        NDArray a = Gradus.function(List.of(), u).call();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(a.getAt(r, c)).isGreaterThanOrEqualTo(10.0 * c).isLessThan(10.0 * c + 1);
            }
        }
        assertThatThrownBy(() -> new RandomStreams(4).uniform(new int[] {4, 2}, low, 1.0))
                .isInstanceOf(org.gradus.ShapeException.class).hasMessageContaining("low");
    }

    @Test
    void integerDTypeForAContinuousDistributionIsRejected() {
        assertThatThrownBy(() -> new RandomStreams(1).uniform(new int[] {2, 3}, 0, 1, DType.INT64))
                .isInstanceOf(DTypeException.class).hasMessageContaining("float");
    }

    @Test
    void denoisingMaskAndItsGradientComeFromOneDraw() {
        TensorVariable x = T.matrix("x");
        RandomStreams rs = new RandomStreams(7);
        TensorVariable mask = rs.binomial(T.shape(x), 1, 0.7);
        TensorVariable y = T.sum(T.mul(mask, x));
        Function f = Gradus.function(List.of(x), List.of(mask, T.grad(y, x)));
        double[][] data = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}};
        for (int call = 0; call < 2; call++) {
            List<NDArray> out = f.callAll(data);
            assertThat(out.get(0).dtype()).isEqualTo(DType.INT64);
            assertThat(out.get(1).shape()).containsExactly(3, 5);
            for (int i = 0; i < 15; i++) {
                assertThat(out.get(1).get(i)).isEqualTo(out.get(0).get(i));
            }
        }
    }

    @Test
    void gradientMatchesCentralDifferencesWhenTheStreamIsReseeded() {
        TensorVariable x = T.dmatrix("x");
        RandomStreams rs = new RandomStreams(13);
        TensorVariable mask = rs.binomial(T.shape(x), 1, 0.6, DType.FLOAT64);
        double[][] weights = {{0.3, -1.2, 0.7}, {2.1, -0.4, 1.1}};
        TensorVariable cost = T.sum(T.mul(T.tanh(T.mul(mask, x)), T.constant(weights)));
        Function f = Gradus.function(List.of(x), cost);
        Function g = Gradus.function(List.of(x), T.grad(cost, x));
        double[][] x0 = {{0.5, -0.3, 1.2}, {-0.8, 0.1, 0.9}};
        rs.seed(13);
        NDArray symbolic = g.call(x0);
        double eps = 1e-6;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double saved = x0[r][c];
                x0[r][c] = saved + eps;
                rs.seed(13);
                double plus = f.call(x0).doubleValue();
                x0[r][c] = saved - eps;
                rs.seed(13);
                double minus = f.call(x0).doubleValue();
                x0[r][c] = saved;
                double numeric = (plus - minus) / (2 * eps);
                assertThat(symbolic.getAt(r, c)).isCloseTo(numeric, within(1e-6 * Math.abs(numeric) + 1e-8));
            }
        }
    }

    @Test
    void gradientWithRespectToTheProbabilityIsUndefined() {
        TensorVariable x = T.matrix("x");
        TensorVariable p = T.scalar("p");
        TensorVariable mask = new RandomStreams(1).binomial(T.shape(x), 1, p, Config.get().floatX());
        TensorVariable y = T.sum(T.mul(mask, x));
        assertThatThrownBy(() -> T.grad(y, p)).isInstanceOf(GradientException.class)
                .hasMessageContaining("undefined").hasMessageContaining("'p'");
    }

    @Test
    void twoDrawsOnTheSameStateAreNeverMerged() {
        RandomStreams rs = new RandomStreams(2);
        TensorVariable u = rs.uniform(new int[] {2, 3}, 0, 1);
        TensorVariable state = rs.states().get(0);
        RandomDraw op = new RandomDraw(new Distribution.Uniform(), 2, u.dtype());
        TensorVariable twin = op.makeNode(List.of(state, u.owner().input(1), u.owner().input(2), u.owner().input(3)))
                .output(1);
        Function f = Gradus.function(List.of(), List.of(u, twin));
        long draws = f.nodes().stream().filter(n -> n.op() instanceof RandomDraw).count();
        assertThat(draws).isEqualTo(2);
        List<NDArray> out = f.callAll();
        // both read the state before the call, so they agree
        assertThat(out.get(1)).isEqualTo(out.get(0));
    }
}
