package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.grading.Graded;
import org.gradus.grading.judge.LabSession;
import org.gradus.lab.mnist.Digits;
import org.gradus.lab.mnist.Mnist;
import org.gradus.lab.remote.RecordData;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lab 4 — the denoising autoencoder")
class Lab4AutoencoderGradingTest {
    private static final int HIDDEN = 6;
    /** The quick run's settings and seeds, from the committed reproducibility card (the lab's DaeSettings.QUICK). */
    private static final Map<String, Object> CARD = NetworkReference.card(4, "quick");
    private static final Mnist.Split SPLIT = Mnist.split(Mnist.shipped(), 8000, 1000, 1000,
            (long) NetworkReference.number(CARD, "splitSeed"));
    private static final Digits TRAIN = first(SPLIT.train(), setting("trainSize"));
    /** Held-out digits: the quick run's test digits, which training never sees. */
    private static final Digits TEST = first(SPLIT.test(), setting("testSize"));
    private static final double[][] W = NetworkReference.randomMatrix(784, HIDDEN, 0.2, 21);
    private static final double[] B = NetworkReference.randomVector(HIDDEN, 0.1, 22);
    private static final double[] B_PRIME = NetworkReference.randomVector(784, 0.1, 23);
    private static final String AUTOENCODER = "org.gradus.labs.lab4.AutoencoderLab$Autoencoder";

    private final LabSession lab = LabSession.of(4);

    private static int setting(String key) {
        return (int) NetworkReference.number(CARD, key);
    }

    private static Digits first(Digits digits, int count) {
        return digits.subset(IntStream.range(0, count).toArray());
    }

    // the lab's steps, called in the runner JVM; what they return is rebuilt here

    private RecordData autoencoder(int nVisible, int nHidden, long seed) {
        return lab.call(RecordData.class, "AutoencoderLab", "autoencoder", nVisible, nHidden, seed);
    }

    private TensorVariable corrupt(RandomStreams random, TensorVariable x, double level) {
        return lab.call(TensorVariable.class, "AutoencoderLab", "corrupt", random, x, level);
    }

    private TensorVariable hiddenValues(TensorVariable input, RecordData a) {
        return lab.call(TensorVariable.class, "AutoencoderLab", "hiddenValues", input, a);
    }

    private TensorVariable reconstruct(TensorVariable hidden, RecordData a) {
        return lab.call(TensorVariable.class, "AutoencoderLab", "reconstruct", hidden, a);
    }

    private TensorVariable cost(TensorVariable x, TensorVariable z) {
        return lab.call(TensorVariable.class, "AutoencoderLab", "cost", x, z);
    }

    private Function trainingFunction(RecordData a, RandomStreams random, SharedVariable images, double level,
            double lr, int batchSize) {
        return lab.call(Function.class, "AutoencoderLab", "trainingFunction", a, random, images, level, lr, batchSize);
    }

    private double[] train(Function train, int batches, int epochs) {
        return lab.call(double[].class, "AutoencoderLab", "train", train, batches, epochs);
    }

    private double[][] filters(RecordData a, int count) {
        return lab.call(double[][].class, "AutoencoderLab", "filters", a, count);
    }

    private Function reconstructionFunction(RecordData a, RandomStreams random, double level) {
        return lab.call(Function.class, "AutoencoderLab", "reconstructionFunction", a, random, level);
    }

    /** An autoencoder record of the lab, made here from the judge's own shared variables. */
    private static RecordData autoencoderOf(SharedVariable w, SharedVariable b, SharedVariable bPrime) {
        return new RecordData(AUTOENCODER, Map.of("w", w, "b", b, "bPrime", bPrime));
    }

    private static RecordData randomAutoencoder() {
        return autoencoderOf(Gradus.shared(W, "W"), Gradus.shared(B, "b"), Gradus.shared(B_PRIME, "b_prime"));
    }

    private static SharedVariable w(RecordData a) {
        return a.get("w", SharedVariable.class);
    }

    private static SharedVariable b(RecordData a) {
        return a.get("b", SharedVariable.class);
    }

    private static SharedVariable bPrime(RecordData a) {
        return a.get("bPrime", SharedVariable.class);
    }

    private static double[][] rows(int from, int count) {
        return TRAIN.subset(IntStream.range(from, from + count).toArray()).imagesAsMatrix(DType.FLOAT64).toDoubleMatrix();
    }

    private static TensorVariable referenceReconstruction(TensorVariable input, RecordData a) {
        TensorVariable y = T.sigmoid(T.dot(input, w(a)).add(b(a)));
        return T.sigmoid(T.dot(y, w(a).transpose()).add(bPrime(a)));
    }

    private static TensorVariable referenceCost(TensorVariable x, TensorVariable z) {
        return T.mean(T.sum(x.mul(T.log(z)).add(T.sub(1, x).mul(T.log(T.sub(1, z)))), 1).neg());
    }

    @Test
    @DisplayName("Step 1: W is 784 × 500 within ±4·sqrt(6 / 1284), b and b_prime are zero, all shared and named")
    @Graded(lab = 4, step = "4.1", points = 1, hint = "See lessons/lab4.adoc, step 1.")
    void step1_shapesAndBound() {
        RecordData a = autoencoder(784, 500, 123L);
        assertThat(List.of(w(a).name(), b(a).name(), bPrime(a).name())).as("names").containsExactly("W", "b", "b_prime");
        assertThat(w(a).getValue().shape()).as("shape of W").containsExactly(784, 500);
        assertThat(b(a).getValue().shape()).as("shape of b").containsExactly(500);
        assertThat(bPrime(a).getValue().shape()).as("shape of b_prime").containsExactly(784);
        double bound = 4 * Math.sqrt(6.0 / (784 + 500));
        double largest = java.util.Arrays.stream(w(a).getValue().toDoubleArray()).map(Math::abs).max().orElse(0);
        assertThat(largest).as("largest |W|").isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(b(a).getValue().toDoubleArray()).as("b").containsOnly(0.0);
        assertThat(bPrime(a).getValue().toDoubleArray()).as("b_prime").containsOnly(0.0);
    }

    @Test
    @DisplayName("Step 1: the weights are the prescribed seeded draws")
    @Graded(lab = 4, step = "4.1", points = 1, hint = "Fill row by row with bound * (2 * random.nextDouble() - 1), random = new Random(seed).")
    void step1_seeded() {
        double[][] expected = NetworkReference.uniform(20, 9, 4 * Math.sqrt(6.0 / 29), 5);
        double[][] got = w(autoencoder(20, 9, 5L)).getValue().toDoubleMatrix();
        for (int i = 0; i < 20; i++) {
            assertThat(got[i]).as("row %d of W for seed 5", i).containsExactly(expected[i], within(1e-6));
        }
    }

    @Test
    @DisplayName("Step 2: corruption keeps each pixel with probability 1 - level, zeroes the rest, and draws a new mask each call")
    @Graded(lab = 4, step = "4.2", points = 2, hint = "random.binomial(x.shape(), 1, 1 - level, x.dtype()).mul(x)")
    void step2_corrupt() {
        TensorVariable x = T.matrix("x");
        Function corrupt = Gradus.function(List.of(x), corrupt(new RandomStreams(7), x, 0.3));
        double[][] input = NetworkReference.map(NetworkReference.randomMatrix(200, 50, 1, 8), v -> 1 + Math.abs(v));
        double[] first = corrupt.call(input).toDoubleArray();
        double[] second = corrupt.call(input).toDoubleArray();
        long kept = 0;
        for (int i = 0; i < first.length; i++) {
            double original = input[i / 50][i % 50];
            assertThat(first[i] == 0 || first[i] == original).as("element %d is kept or zeroed", i).isTrue();
            kept += first[i] == 0 ? 0 : 1;
        }
        assertThat((double) kept / first.length).as("fraction kept at level 0.3").isCloseTo(0.7, within(0.02));
        assertThat(second).as("a second call draws another mask").isNotEqualTo(first);
        Function none = Gradus.function(List.of(x), corrupt(new RandomStreams(7), x, 0.0));
        assertThat(none.call(input).toDoubleArray()).as("level 0 keeps everything")
                .containsExactly(java.util.Arrays.stream(input).flatMapToDouble(java.util.Arrays::stream).toArray(), within(1e-6));
    }

    @Test
    @DisplayName("Step 3: the hidden values are sigmoid(x·W + b), checked in plain Java and with verifyGrad")
    @Graded(lab = 4, step = "4.3", points = 1, hint = "See lessons/lab4.adoc, step 3.")
    void step3_hiddenValues() {
        TensorVariable x = T.matrix("x");
        double[][] input = rows(0, 4);
        double[][] got = Gradus.function(List.of(x), hiddenValues(x, randomAutoencoder())).call(input).toDoubleMatrix();
        double[][] expected = NetworkReference.map(NetworkReference.affine(input, W, B), NetworkReference::sigmoid);
        for (int i = 0; i < 4; i++) {
            assertThat(got[i]).as("hidden values of training digit %d", i).containsExactly(expected[i], within(1e-6));
        }
        RecordData small = autoencoderOf(Gradus.shared(NetworkReference.randomMatrix(5, 3, 1, 2), "W"),
                Gradus.shared(new double[3], "b"), Gradus.shared(new double[5], "b_prime"));
        T.verifyGrad(in -> hiddenValues(in.get(0), small).sum(), List.<Object>of(NetworkReference.randomMatrix(4, 5, 1, 3)));
    }

    @Test
    @DisplayName("Step 4: the reconstruction is sigmoid(y·Wᵀ + b_prime) with the same W")
    @Graded(lab = 4, step = "4.4", points = 1, hint = "Tied weights: use a.w().transpose().")
    void step4_reconstruct() {
        TensorVariable y = T.matrix("y");
        double[][] hidden = NetworkReference.map(NetworkReference.randomMatrix(3, HIDDEN, 1, 4), Math::abs);
        double[][] got = Gradus.function(List.of(y), reconstruct(y, randomAutoencoder())).call(hidden).toDoubleMatrix();
        double[][] expected = NetworkReference.map(NetworkReference.affine(hidden, NetworkReference.transpose(W), B_PRIME),
                NetworkReference::sigmoid);
        for (int i = 0; i < 3; i++) {
            assertThat(got[i]).as("reconstruction %d", i).containsExactly(expected[i], within(1e-6));
        }
    }

    @Test
    @DisplayName("Step 5: the cost is the minibatch mean of the summed cross-entropy (0.7340 for x = [[1, 0]], z = [[0.8, 0.4]])")
    @Graded(lab = 4, step = "4.5", points = 1, hint = "Sum over axis 1, then the mean over the rows.")
    void step5_cost() {
        TensorVariable x = T.matrix("x");
        TensorVariable z = T.matrix("z");
        Function cost = Gradus.function(List.of(x, z), cost(x, z));
        assertThat(cost.call(new double[][] {{1, 0}}, new double[][] {{0.8, 0.4}}).doubleValue()).as("cost of one example")
                .isCloseTo(-(Math.log(0.8) + Math.log(0.6)), within(1e-6));
        double[][] input = rows(10, 5);
        double expected = NetworkReference.autoencoderCost(input, W, B, B_PRIME);
        double got = Gradus.function(List.of(x), cost(x, referenceReconstruction(x, randomAutoencoder())))
                .call(input).doubleValue();
        assertThat(got).as("cost of reconstructing 5 training digits").isCloseTo(expected, within(1e-6 * expected));
        double[][] targets = {{1, 0, 0.5}, {0, 1, 0.25}};
        T.verifyGrad(in -> cost(T.constant(targets), T.sigmoid(in.get(0))), List.<Object>of(NetworkReference.randomMatrix(2, 3, 1, 6)));
    }

    @Test
    @DisplayName("Step 6: the training function updates exactly W, b and b_prime (plus the random state); at level 0 its cost is the reference cost")
    @Graded(lab = 4, step = "4.6", points = 2, hint = "givens for x; three updates; the random state updates itself.")
    void step6_trainingFunction() {
        RecordData a = randomAutoencoder();
        List<SharedVariable> params = List.of(w(a), b(a), bPrime(a));
        SharedVariable images = Gradus.shared(TRAIN.imagesAsMatrix(Gradus.config().floatX()), "images");
        RandomStreams random = new RandomStreams(9);
        Function train = trainingFunction(a, random, images, 0.0, 0.1, 20);
        assertThat(train.inputs()).as("inputs: the minibatch index only").hasSize(1);
        assertThat(train.updates().keySet()).as("updated shared variables").containsAll(params);
        assertThat(train.updates().keySet().stream().filter(v -> !params.contains(v))
                .toList()).as("other updates: only random states").allMatch(v -> random.states().contains(v));
        double expected = NetworkReference.autoencoderCost(rows(60, 20), W, B, B_PRIME);
        // the step the judge expects: one gradient step of lr 0.1 on the reference cost of digits 60..79
        TensorVariable x = T.matrix("x");
        RecordData reference = randomAutoencoder();
        List<SharedVariable> referenceParams = List.of(w(reference), b(reference), bPrime(reference));
        List<TensorVariable> grads = T.grad(referenceCost(x, referenceReconstruction(x, reference)), referenceParams);
        List<NDArray> stepped = Gradus.function(List.of(x), List.of(referenceParams.get(0).sub(grads.get(0).mul(0.1)),
                referenceParams.get(1).sub(grads.get(1).mul(0.1)), referenceParams.get(2).sub(grads.get(2).mul(0.1))))
                .callAll(rows(60, 20));
        assertThat(train.call(3L).doubleValue()).as("cost of minibatch 3 (digits 60..79), no corruption")
                .isCloseTo(expected, within(1e-6 * expected));
        assertThat(w(a).getValue().toDoubleArray()[100]).as("W[0][100 / 6 ...] changed by the update")
                .isNotEqualTo(W[100 / HIDDEN][100 % HIDDEN]);
        String[] names = {"W", "b", "b_prime"};
        for (int i = 0; i < 3; i++) {
            assertThat(params.get(i).getValue().toDoubleArray()).as("%s after one step: %s - 0.1 · ∂cost/∂%s",
                    names[i], names[i], names[i]).containsExactly(stepped.get(i).toDoubleArray(), within(1e-6));
        }
        assertThat(train.call(3L).doubleValue()).as("the same minibatch costs less after one step").isLessThan(expected);
    }

    @Test
    @DisplayName("Step 7: training the quick run at 30% corruption lowers the cost and ends within the reproducibility card's band")
    @Graded(lab = 4, step = "4.7", points = 2, hint = "Each epoch: every minibatch index in order, then the mean cost.",
            timeoutSeconds = 60)
    void step7_trainMatchesCard() {
        int hidden = setting("hidden");
        int epochs = setting("epochs");
        int bs = setting("batchSize");
        double bound = 4 * Math.sqrt(6.0 / (784 + hidden));
        RecordData a = autoencoderOf(
                Gradus.shared(NetworkReference.uniform(784, hidden, bound, (long) NetworkReference.number(CARD, "initSeed")),
                        "W"),
                Gradus.shared(new double[hidden], "b"), Gradus.shared(new double[784], "b_prime"));
        double[][] untrained = w(a).getValue().toDoubleMatrix();
        SharedVariable images = Gradus.shared(TRAIN.imagesAsMatrix(Gradus.config().floatX()), "images");
        TensorVariable index = T.lscalar("index");
        TensorVariable x = T.matrix("x");
        TensorVariable corrupted = new RandomStreams((long) NetworkReference.number(CARD, "noiseSeed"))
                .binomial(x.shape(), 1, 0.7, x.dtype()).mul(x);
        TensorVariable cost = referenceCost(x, referenceReconstruction(corrupted, a));
        List<SharedVariable> params = List.of(w(a), b(a), bPrime(a));
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, TensorVariable> updates = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            updates.put(params.get(i), params.get(i).sub(grads.get(i).mul(NetworkReference.number(CARD, "learningRate"))));
        }
        Function train = Gradus.functionBuilder(List.of(index)).outputs(cost).updates(updates)
                .givens(Map.of(x, images.get(T.slice(index.mul(bs), index.add(1).mul(bs))))).excluding("fuse").build();
        double[] costs = train(train, setting("trainSize") / bs, epochs);
        assertThat(costs).as("one cost per epoch").hasSize(epochs);
        for (int e = 1; e < costs.length; e++) {
            assertThat(costs[e]).as("mean cost of epoch %d, below the one before", e + 1).isLessThan(costs[e - 1]);
        }
        double tolerance = NetworkReference.number(CARD, "costTolerance");
        double expected = NetworkReference.number(CARD, "finalCost30");
        assertThat(costs[costs.length - 1]).as("final cost at 30%% against the card's %s", expected)
                .isCloseTo(expected, within(tolerance * expected));
        // the trained weights came back: the judge evaluates them itself, on held-out digits
        double[][] trained = w(a).getValue().toDoubleMatrix();
        double moved = IntStream.range(0, 784).mapToDouble(i -> IntStream.range(0, hidden)
                .mapToDouble(j -> Math.abs(trained[i][j] - untrained[i][j])).max().orElse(0)).max().orElse(0);
        assertThat(moved).as("largest change of a weight: W was trained (the training function was called)")
                .isGreaterThan(0.0);
        double[][] held = TEST.imagesAsMatrix(DType.FLOAT64).toDoubleMatrix();
        double testCost = NetworkReference.autoencoderCost(held, w(a).getValue().toDoubleMatrix(),
                b(a).getValue().toDoubleArray(), bPrime(a).getValue().toDoubleArray());
        double expectedTest = NetworkReference.number(CARD, "testCost30");
        assertThat(testCost).as("reconstruction cost of the %d held-out test digits with the trained weights, against"
                + " the card's %s", held.length, expectedTest).isCloseTo(expectedTest, within(tolerance * expectedTest));
    }

    @Test
    @DisplayName("Step 8: filter j is column j of W")
    @Graded(lab = 4, step = "4.8", points = 1, hint = "filters[j][i] = W[i][j].")
    void step8_filters() {
        double[][] filters = filters(randomAutoencoder(), 4);
        assertThat(filters).as("4 filters").hasNumberOfRows(4);
        for (int j = 0; j < 4; j++) {
            assertThat(filters[j]).as("filter %d", j).hasSize(784);
            for (int i = 0; i < 784; i += 97) {
                assertThat(filters[j][i]).as("filter %d, pixel %d", j, i).isCloseTo(W[i][j], within(1e-6));
            }
        }
    }

    @Test
    @DisplayName("Step 9: the reconstruction function returns the corrupted input and its reconstruction")
    @Graded(lab = 4, step = "4.9", points = 1, hint = "Two outputs: corrupt(x), then reconstruct(hiddenValues(...)).")
    void step9_reconstructionFunction() {
        double[][] input = rows(0, 3);
        List<NDArray> clean = reconstructionFunction(randomAutoencoder(), new RandomStreams(1), 0.0).callAll(input);
        assertThat(clean).as("two outputs").hasSize(2);
        double[][] expected = NetworkReference.reconstruction(input, W, B, B_PRIME);
        for (int i = 0; i < 3; i++) {
            assertThat(clean.get(0).toDoubleMatrix()[i]).as("level 0: corrupted digit %d is the digit", i)
                    .containsExactly(input[i], within(1e-6));
            assertThat(clean.get(1).toDoubleMatrix()[i]).as("reconstruction of digit %d", i)
                    .containsExactly(expected[i], within(1e-6));
        }
        List<NDArray> erased = reconstructionFunction(randomAutoencoder(), new RandomStreams(1), 1.0).callAll(input);
        assertThat(erased.get(0).toDoubleArray()).as("level 1: everything is erased").containsOnly(0.0);
    }
}
