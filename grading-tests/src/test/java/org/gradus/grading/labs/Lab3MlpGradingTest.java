package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gradus.grading.labs.NetworkReference.labelsOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.grading.Graded;
import org.gradus.grading.judge.LabSession;
import org.gradus.lab.mnist.Digits;
import org.gradus.lab.mnist.Mnist;
import org.gradus.lab.remote.RecordData;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lab 3 — the multilayer perceptron")
class Lab3MlpGradingTest {
    private static final double TIGHT = 1e-9;
    private static final int HIDDEN = 7;
    /** The lab's records, as the runner names them. */
    private static final String RECORDS = "org.gradus.labs.lab3.MlpLab$";

    // The quick run of the lab's MlpSettings (LabMode.QUICK), kept here so that the judge never loads the lab's
    // classes; step 10 checks them against the committed card of that run.
    private static final long SPLIT_SEED = 2016;
    private static final long INIT_SEED = 1111;
    private static final int EVALUATION_BATCH = 500;
    private static final int TRAIN_SIZE = 1000;
    private static final int VALIDATION_SIZE = 500;
    private static final int TEST_SIZE = 500;
    private static final int QUICK_HIDDEN = 100;
    private static final int BATCH_SIZE = 20;
    private static final double LEARNING_RATE = 0.1;
    private static final double L1 = 0.0;
    private static final double L2 = 1e-4;
    private static final int EPOCHS = 5;
    private static final Mnist.Split DATA = quickData();
    /** Small random parameters, so that every test has a network with non-trivial outputs. */
    private static final double[][] HW = NetworkReference.randomMatrix(784, HIDDEN, 0.1, 11);
    private static final double[] HB = NetworkReference.randomVector(HIDDEN, 0.1, 12);
    private static final double[][] OW = NetworkReference.randomMatrix(HIDDEN, 10, 0.5, 13);
    private static final double[] OB = NetworkReference.randomVector(10, 0.1, 14);

    private final LabSession lab = LabSession.of(3);

    /** The judge's view of the lab's {@code MlpLab.Layer}. */
    private record Layer(SharedVariable w, SharedVariable b) {
        static Layer of(RecordData r) {
            return new Layer(r.get("w", SharedVariable.class), r.get("b", SharedVariable.class));
        }

        RecordData data() {
            return new RecordData(RECORDS + "Layer", Map.of("w", w, "b", b));
        }
    }

    /** The judge's view of the lab's {@code MlpLab.Model}. */
    private record Model(TensorVariable x, TensorVariable y, Layer hidden, Layer output, TensorVariable probabilities) {
        static Model of(RecordData r) {
            return new Model(r.get("x", TensorVariable.class), r.get("y", TensorVariable.class),
                    Layer.of(r.get("hidden", RecordData.class)), Layer.of(r.get("output", RecordData.class)),
                    r.get("probabilities", TensorVariable.class));
        }

        RecordData data() {
            return new RecordData(RECORDS + "Model", Map.of("x", x, "y", y, "hidden", hidden.data(), "output",
                    output.data(), "probabilities", probabilities));
        }
    }

    /** The judge's view of the lab's {@code MlpLab.SharedDigits}. */
    private record SharedDigits(SharedVariable images, SharedVariable labels, int count) {
        static SharedDigits of(RecordData r) {
            return new SharedDigits(r.get("images", SharedVariable.class), r.get("labels", SharedVariable.class),
                    r.get("count", Integer.class));
        }

        RecordData data() {
            return new RecordData(RECORDS + "SharedDigits", Map.of("images", images, "labels", labels, "count", count));
        }
    }

    /** The lab's {@code MlpLab.Minibatches}. */
    private static RecordData minibatches(Function function, int count) {
        return new RecordData(RECORDS + "Minibatches", Map.of("function", function, "count", count));
    }

    // the lab's steps, called in the runner JVM; what they return is rebuilt here

    private Layer hiddenLayer(int nIn, int nHidden, long seed) {
        return Layer.of(lab.call(RecordData.class, "MlpLab", "hiddenLayer", nIn, nHidden, seed));
    }

    private Layer outputLayer(int nHidden, int nOut) {
        return Layer.of(lab.call(RecordData.class, "MlpLab", "outputLayer", nHidden, nOut));
    }

    private TensorVariable feedForward(UnaryOperator<TensorVariable> activation, TensorVariable w, TensorVariable b,
            TensorVariable input) {
        return lab.call(TensorVariable.class, "MlpLab", "feedForward", activation, w, b, input);
    }

    private Model model(Layer hidden, Layer output) {
        return Model.of(lab.call(RecordData.class, "MlpLab", "model", hidden.data(), output.data()));
    }

    private TensorVariable negativeLogLikelihood(TensorVariable p, TensorVariable y) {
        return lab.call(TensorVariable.class, "MlpLab", "negativeLogLikelihood", p, y);
    }

    private TensorVariable cost(Model m, double l1Reg, double l2Reg) {
        return lab.call(TensorVariable.class, "MlpLab", "cost", m.data(), l1Reg, l2Reg);
    }

    private SharedDigits sharedDigits(Digits digits) {
        return SharedDigits.of(lab.call(RecordData.class, "MlpLab", "sharedDigits", digits));
    }

    private Function trainingFunction(Model m, TensorVariable cost, SharedDigits data, int batchSize, double lr,
            Mode mode) {
        return lab.call(Function.class, "MlpLab", "trainingFunction", m.data(), cost, data.data(), batchSize, lr, mode);
    }

    private Function evaluateFunction(Model m, SharedDigits data, int batchSize) {
        return lab.call(Function.class, "MlpLab", "evaluateFunction", m.data(), data.data(), batchSize);
    }

    private RecordData train(RecordData train, RecordData trainError, RecordData validationError, int epochs) {
        return lab.call(RecordData.class, "MlpLab", "train", train, trainError, validationError, epochs);
    }

    private int[] predictions(Model m, Digits digits) {
        return lab.call(int[].class, "MlpLab", "predictions", m.data(), digits);
    }

    private int[][] confusionMatrix(int[] truth, int[] predicted) {
        return lab.call(int[][].class, "MlpLab", "confusionMatrix", truth, predicted);
    }

    // the references, built here

    /** The digits of the quick run: prefixes of the stratified 8000 / 1000 / 1000 split of the shipped digits. */
    private static Mnist.Split quickData() {
        Mnist.Split split = Mnist.split(Mnist.shipped(), 8000, 1000, 1000, SPLIT_SEED);
        return new Mnist.Split(first(split.train(), TRAIN_SIZE), first(split.validation(), VALIDATION_SIZE),
                first(split.test(), TEST_SIZE));
    }

    private static Digits first(Digits digits, int count) {
        return digits.subset(IntStream.range(0, count).toArray());
    }

    /** The network of step 4, built here with the given parameters, so that each test grades one step. */
    private static Model referenceModel(double[][] hw, double[] hb, double[][] ow, double[] ob) {
        Layer hidden = new Layer(Gradus.shared(hw, "h_w"), Gradus.shared(hb, "h_b"));
        Layer output = new Layer(Gradus.shared(ow, "o_w"), Gradus.shared(ob, "o_b"));
        TensorVariable x = T.matrix("x");
        TensorVariable y = T.lvector("y");
        TensorVariable p = T.softmax(T.dot(T.tanh(T.dot(x, hidden.w()).add(hidden.b())), output.w()).add(output.b()));
        return new Model(x, y, hidden, output, p);
    }

    private static Model randomModel() {
        return referenceModel(HW, HB, OW, OB);
    }

    private static TensorVariable referenceCost(Model m, double l1, double l2) {
        TensorVariable nll = T.log(m.probabilities()).get(T.arange(m.y().shape(0)), m.y()).mean().neg();
        TensorVariable hw = m.hidden().w();
        TensorVariable ow = m.output().w();
        return nll.add(T.abs(hw).sum().add(T.abs(ow).sum()).mul(l1)).add(T.sqr(hw).sum().add(T.sqr(ow).sum()).mul(l2));
    }

    private static SharedDigits referenceShared(Digits digits) {
        return new SharedDigits(Gradus.shared(digits.imagesAsMatrix(Gradus.config().floatX()), "images"),
                Gradus.shared(digits.labelsAsVector(), "labels"), digits.count());
    }

    /** Step 8 and 9 built here; the interpreted fused loop is left out to keep grading fast. */
    private static Function referenceFunction(Model m, TensorVariable output, SharedDigits data, int batch,
            Map<SharedVariable, TensorVariable> updates) {
        TensorVariable index = T.lscalar("index");
        TensorVariable start = index.mul(batch);
        TensorVariable stop = index.add(1).mul(batch);
        return Gradus.functionBuilder(List.of(index)).outputs(output).updates(updates)
                .givens(Map.of(m.x(), data.images().get(T.slice(start, stop)), m.y(), data.labels().get(T.slice(start, stop))))
                .excluding("fuse").build();
    }

    private static double[][] rows(Digits digits, int from, int count) {
        return digits.subset(IntStream.range(from, from + count).toArray()).imagesAsMatrix(org.gradus.types.DType.FLOAT64)
                .toDoubleMatrix();
    }

    /** The fraction of {@code count} digits from {@code from} whose most probable class under the parameters is wrong. */
    private static double errorRate(Digits digits, int from, int count, double[][] hw, double[] hb, double[][] ow,
            double[] ob) {
        double[][] p = NetworkReference.mlp(rows(digits, from, count), hw, hb, ow, ob);
        int[] y = labelsOf(digits.labels(), from, count);
        return (double) IntStream.range(0, count).filter(i -> NetworkReference.argmax(p[i]) != y[i]).count() / count;
    }

    @Test
    @DisplayName("Step 1: h_w is 784 × 500 within the Xavier bound ±sqrt(6 / 1284), h_b is 500 zeros, both shared and named")
    @Graded(lab = 3, step = "3.1", points = 1, hint = "See lessons/lab3.adoc, step 1.")
    void step1_shapesAndBound() {
        Layer h = hiddenLayer(784, 500, 1111);
        assertThat(h.w().name()).as("name of the weights").isEqualTo("h_w");
        assertThat(h.b().name()).as("name of the biases").isEqualTo("h_b");
        assertThat(h.w().getValue().shape()).as("shape of h_w").containsExactly(784, 500);
        assertThat(h.w().dtype()).as("dtype of h_w").isEqualTo(Gradus.config().floatX());
        assertThat(h.b().getValue().shape()).as("shape of h_b").containsExactly(500);
        double bound = Math.sqrt(6.0 / (784 + 500));
        double[] w = h.w().getValue().toDoubleArray();
        assertThat(java.util.Arrays.stream(w).map(Math::abs).max().orElse(0)).as("largest |h_w|")
                .isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(java.util.Arrays.stream(w).average().orElse(1)).as("mean of h_w").isCloseTo(0, within(0.001));
        assertThat(h.b().getValue().toDoubleArray()).as("h_b").containsOnly(0.0);
    }

    @Test
    @DisplayName("Step 1: the weights are the prescribed seeded draws, and another seed gives other weights")
    @Graded(lab = 3, step = "3.1", points = 1, hint = "Fill row by row with bound * (2 * random.nextDouble() - 1), random = new Random(seed).")
    void step1_seeded() {
        double[][] expected = NetworkReference.uniform(30, 7, Math.sqrt(6.0 / 37), 42);
        double[][] got = hiddenLayer(30, 7, 42).w().getValue().toDoubleMatrix();
        double tolerance = Gradus.config().floatX().numpyName().equals("float32") ? 1e-7 : 1e-15;
        for (int i = 0; i < 30; i++) {
            assertThat(got[i]).as("row %d of h_w for seed 42", i).containsExactly(expected[i], within(tolerance));
        }
        assertThat(hiddenLayer(30, 7, 43).w().getValue().toDoubleArray()[0]).as("h_w[0][0] for seed 43")
                .isNotCloseTo(expected[0][0], within(1e-6));
    }

    @Test
    @DisplayName("Step 2: o_w (500 × 10) and o_b (10) are shared, named, and zero")
    @Graded(lab = 3, step = "3.2", points = 1, hint = "See lessons/lab3.adoc, step 2.")
    void step2_zeroOutputLayer() {
        Layer o = outputLayer(500, 10);
        assertThat(o.w().name()).as("name of the weights").isEqualTo("o_w");
        assertThat(o.b().name()).as("name of the biases").isEqualTo("o_b");
        assertThat(o.w().getValue().shape()).as("shape of o_w").containsExactly(500, 10);
        assertThat(o.b().getValue().shape()).as("shape of o_b").containsExactly(10);
        assertThat(o.w().getValue().toDoubleArray()).as("o_w").containsOnly(0.0);
        assertThat(o.b().getValue().toDoubleArray()).as("o_b").containsOnly(0.0);
    }

    @Test
    @DisplayName("Step 3: feedForward(tanh) matches tanh(x·w + b) on a 5 × 4 input, and its gradient checks (verifyGrad)")
    @Graded(lab = 3, step = "3.3", points = 1, hint = "See lessons/lab3.adoc, step 3.")
    void step3_feedForward() {
        double[][] x = NetworkReference.randomMatrix(5, 4, 1, 1);
        double[][] w = NetworkReference.randomMatrix(4, 3, 1, 2);
        double[] b = NetworkReference.randomVector(3, 1, 3);
        TensorVariable xs = T.matrix("x");
        TensorVariable ws = T.matrix("w");
        TensorVariable bs = T.vector("b");
        double[][] got = Gradus.function(List.of(xs, ws, bs), feedForward(T::tanh, ws, bs, xs)).call(x, w, b)
                .toDoubleMatrix();
        double[][] expected = NetworkReference.map(NetworkReference.affine(x, w, b), Math::tanh);
        for (int i = 0; i < 5; i++) {
            assertThat(got[i]).as("row %d of tanh(x·w + b)", i).containsExactly(expected[i], within(1e-6));
        }
        T.verifyGrad(in -> feedForward(T::tanh, in.get(1), in.get(2), in.get(0)).sum(), List.of(x, w, b));
    }

    @Test
    @DisplayName("Step 4: p(y|x) = softmax(tanh(x·h_w + h_b)·o_w + o_b): rows sum to 1 and match a plain-Java forward pass")
    @Graded(lab = 3, step = "3.4", points = 1, hint = "See lessons/lab3.adoc, step 4.")
    void step4_model() {
        Layer hidden = new Layer(Gradus.shared(HW, "h_w"), Gradus.shared(HB, "h_b"));
        Layer output = new Layer(Gradus.shared(OW, "o_w"), Gradus.shared(OB, "o_b"));
        Model m = model(hidden, output);
        assertThat(m.x().ndim()).as("x is a matrix").isEqualTo(2);
        assertThat(m.y().ndim()).as("y is a vector").isEqualTo(1);
        assertThat(m.y().dtype().isInteger()).as("y holds integers").isTrue();
        double[][] x = rows(DATA.train(), 0, 6);
        double[][] got = Gradus.function(List.of(m.x()), m.probabilities()).call(x).toDoubleMatrix();
        double[][] expected = NetworkReference.mlp(x, HW, HB, OW, OB);
        for (int i = 0; i < x.length; i++) {
            assertThat(got[i]).as("p(y|x) of training digit %d", i).containsExactly(expected[i], within(1e-6));
        }
    }

    @Test
    @DisplayName("Step 5: the negative log-likelihood of 20 digits matches plain Java, and its gradient is (p - onehot(y)) / n")
    @Graded(lab = 3, step = "3.5", points = 1, hint = "T.log(p).get(T.arange(y.shape(0)), y), then mean and neg.")
    void step5_negativeLogLikelihood() {
        Model m = randomModel();
        double[][] x = rows(DATA.train(), 40, 20);
        int[] y = labelsOf(DATA.train().labels(), 40, 20);
        double got = Gradus.function(List.of(m.x(), m.y()), negativeLogLikelihood(m.probabilities(), m.y()))
                .call(x, java.util.Arrays.stream(y).asLongStream().toArray()).doubleValue();
        assertThat(got).as("NLL of training digits 40..59").isCloseTo(
                NetworkReference.nll(NetworkReference.mlp(x, HW, HB, OW, OB), y), within(1e-6));
        // its gradient with respect to the logits z is (softmax(z) - onehot(y)) / n
        TensorVariable z = T.matrix("z");
        TensorVariable labels = T.lvector("labels");
        double[][] logits = NetworkReference.randomMatrix(3, 4, 1, 5);
        long[] targets = {3, 0, 2};
        double[][] gz = Gradus.function(List.of(z, labels), T.grad(negativeLogLikelihood(T.softmax(z), labels), z))
                .call(logits, targets).toDoubleMatrix();
        double[][] p = NetworkReference.softmax(logits);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(gz[i][j]).as("d NLL / d z[%d][%d]", i, j)
                        .isCloseTo((p[i][j] - (targets[i] == j ? 1 : 0)) / 3, within(1e-9));
            }
        }
    }

    @Test
    @DisplayName("Step 6: the cost with L1 = 0.001 and L2 = 0.0001 matches plain Java on a fixed minibatch")
    @Graded(lab = 3, step = "3.6", points = 1, hint = "Penalize both weight matrices, not the biases.")
    void step6_cost() {
        Model m = randomModel();
        double[][] x = rows(DATA.train(), 0, 20);
        int[] y = labelsOf(DATA.train().labels(), 0, 20);
        double got = Gradus.function(List.of(m.x(), m.y()), cost(m, 0.001, 0.0001))
                .call(x, java.util.Arrays.stream(y).asLongStream().toArray()).doubleValue();
        double expected = NetworkReference.nll(NetworkReference.mlp(x, HW, HB, OW, OB), y)
                + 0.001 * (NetworkReference.sumAbs(HW) + NetworkReference.sumAbs(OW))
                + 0.0001 * (NetworkReference.sumSquares(HW) + NetworkReference.sumSquares(OW));
        assertThat(got).as("NLL + L1 + L2 of training digits 0..19").isCloseTo(expected, within(1e-6));
    }

    @Test
    @DisplayName("Step 7: images (count × 784, floatX) and labels (int64) are shared and hold the digits")
    @Graded(lab = 3, step = "3.7", points = 1, hint = "See lessons/lab3.adoc, step 7.")
    void step7_sharedDigits() {
        SharedDigits shared = sharedDigits(DATA.validation());
        assertThat(shared.count()).as("count").isEqualTo(DATA.validation().count());
        assertThat(shared.images().getValue().shape()).as("shape of images").containsExactly(DATA.validation().count(), 784);
        assertThat(shared.images().dtype()).as("dtype of images").isEqualTo(Gradus.config().floatX());
        assertThat(shared.labels().getValue().shape()).as("shape of labels").containsExactly(DATA.validation().count());
        assertThat(shared.labels().dtype().isInteger()).as("labels are integers").isTrue();
        assertThat(shared.labels().getValue().toIntArray()).as("labels").containsExactly(DATA.validation().labels());
        assertThat(shared.images().getValue().toDoubleArray()[784 * 3 + 400]).as("pixel 400 of image 3")
                .isCloseTo(DATA.validation().pixels()[784 * 3 + 400], within(1e-6));
    }

    @Test
    @DisplayName("Step 8: the training function of an index selects minibatch rows with givens and updates exactly the four parameters by -lr·gradient")
    @Graded(lab = 3, step = "3.8", points = 2, hint = "One lscalar input; givens for x and y; updates for h_w, h_b, o_w and o_b.")
    void step8_trainingFunction() {
        Model m = randomModel();
        Model check = randomModel();
        SharedDigits data = referenceShared(DATA.train());
        TensorVariable cost = referenceCost(m, 0.001, 0.0001);
        Function train = trainingFunction(m, cost, data, 20, 0.1, Mode.FAST_RUN);
        assertThat(train.inputs()).as("inputs: the minibatch index only").hasSize(1);
        assertThat(train.updates().keySet()).as("updated shared variables")
                .containsExactlyInAnyOrder(m.hidden().w(), m.hidden().b(), m.output().w(), m.output().b());
        // the gradient step, computed here on minibatch 2 from the same starting point
        List<SharedVariable> params = List.of(check.hidden().w(), check.hidden().b(), check.output().w(), check.output().b());
        List<TensorVariable> grads = T.grad(referenceCost(check, 0.001, 0.0001), params);
        List<NDArray> g = Gradus.function(List.of(check.x(), check.y()), grads)
                .callAll(rows(DATA.train(), 40, 20), java.util.Arrays.stream(labelsOf(DATA.train().labels(), 40, 20))
                        .asLongStream().toArray());
        double got = train.call(2L).doubleValue();
        double[][] x = rows(DATA.train(), 40, 20);
        double expected = NetworkReference.nll(NetworkReference.mlp(x, HW, HB, OW, OB), labelsOf(DATA.train().labels(), 40, 20))
                + 0.001 * (NetworkReference.sumAbs(HW) + NetworkReference.sumAbs(OW))
                + 0.0001 * (NetworkReference.sumSquares(HW) + NetworkReference.sumSquares(OW));
        assertThat(got).as("cost returned for index 2 (digits 40..59), before the update").isCloseTo(expected, within(1e-6));
        List<SharedVariable> trained = List.of(m.hidden().w(), m.hidden().b(), m.output().w(), m.output().b());
        for (int k = 0; k < 4; k++) {
            double[] before = params.get(k).getValue().toDoubleArray();
            double[] gradient = g.get(k).toDoubleArray();
            double[] after = trained.get(k).getValue().toDoubleArray();
            for (int i = 0; i < before.length; i += Math.max(1, before.length / 50)) {
                assertThat(after[i]).as("%s[%d] after one step", trained.get(k).name(), i)
                        .isCloseTo(before[i] - 0.1 * gradient[i], within(1e-6));
            }
        }
    }

    @Test
    @DisplayName("Step 9: the error rate of a minibatch is the fraction where argmax p differs from y, and it updates nothing")
    @Graded(lab = 3, step = "3.9", points = 1, hint = "T.mean(T.neq(y, T.argmax(p, 1))) with givens as in step 8.")
    void step9_evaluate() {
        Model m = randomModel();
        Function evaluate = evaluateFunction(m, referenceShared(DATA.validation()), 50);
        assertThat(evaluate.updates()).as("the error function updates nothing").isEmpty();
        for (long index : new long[] {0, 3}) {
            double[][] x = rows(DATA.validation(), (int) index * 50, 50);
            int[] y = labelsOf(DATA.validation().labels(), (int) index * 50, 50);
            double[][] p = NetworkReference.mlp(x, HW, HB, OW, OB);
            double wrong = IntStream.range(0, 50).filter(i -> NetworkReference.argmax(p[i]) != y[i]).count();
            assertThat(evaluate.call(index).doubleValue()).as("error rate of validation minibatch %d", index)
                    .isCloseTo(wrong / 50, within(TIGHT));
        }
    }

    @Test
    @DisplayName("Step 10: training the quick run lowers the cost every epoch and ends within the reproducibility card's band")
    @Graded(lab = 3, step = "3.10", points = 2, hint = "Call train on indices 0..count-1 each epoch; average costs and error rates.",
            timeoutSeconds = 60)
    void step10_trainMatchesCard() {
        Map<String, Object> card = NetworkReference.card(3, "quick");
        assertThat(new double[] {NetworkReference.number(card, "trainSize"), NetworkReference.number(card, "validationSize"),
                NetworkReference.number(card, "hidden"), NetworkReference.number(card, "batchSize"),
                NetworkReference.number(card, "learningRate"), NetworkReference.number(card, "l1"),
                NetworkReference.number(card, "l2"), NetworkReference.number(card, "epochs"),
                NetworkReference.number(card, "initSeed"), NetworkReference.number(card, "splitSeed")})
                .as("the grader's quick settings are those of the card (trainSize, validationSize, hidden, batchSize,"
                        + " learningRate, l1, l2, epochs, initSeed, splitSeed)")
                .containsExactly(TRAIN_SIZE, VALIDATION_SIZE, QUICK_HIDDEN, BATCH_SIZE, LEARNING_RATE, L1, L2, EPOCHS,
                        INIT_SEED, SPLIT_SEED);
        double[][] hw = NetworkReference.uniform(784, QUICK_HIDDEN, Math.sqrt(6.0 / (784 + QUICK_HIDDEN)), INIT_SEED);
        Model m = referenceModel(hw, new double[QUICK_HIDDEN], new double[QUICK_HIDDEN][10], new double[10]);
        SharedDigits train = referenceShared(DATA.train());
        SharedDigits validation = referenceShared(DATA.validation());
        TensorVariable cost = referenceCost(m, L1, L2);
        List<SharedVariable> params = List.of(m.hidden().w(), m.hidden().b(), m.output().w(), m.output().b());
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, TensorVariable> updates = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            updates.put(params.get(i), params.get(i).sub(grads.get(i).mul(LEARNING_RATE)));
        }
        TensorVariable errors = T.mean(T.neq(m.y(), T.argmax(m.probabilities(), 1)));
        int eval = EVALUATION_BATCH;
        RecordData h = train(
                minibatches(referenceFunction(m, cost, train, BATCH_SIZE, updates), TRAIN_SIZE / BATCH_SIZE),
                minibatches(referenceFunction(m, errors, train, eval, Map.of()), TRAIN_SIZE / eval),
                minibatches(referenceFunction(m, errors, validation, eval, Map.of()), VALIDATION_SIZE / eval),
                EPOCHS);
        double[] costs = h.get("costs", double[].class);
        double[] trainErrors = h.get("trainErrors", double[].class);
        double[] validationErrors = h.get("validationErrors", double[].class);
        assertThat(costs).as("one cost per epoch").hasSize(EPOCHS);
        assertThat(trainErrors).as("one train error rate per epoch").hasSize(EPOCHS);
        assertThat(validationErrors).as("one validation error rate per epoch").hasSize(EPOCHS);
        for (int e = 1; e < EPOCHS; e++) {
            assertThat(costs[e]).as("mean cost of epoch %d, below the one before", e + 1).isLessThan(costs[e - 1]);
        }
        double costBand = NetworkReference.number(card, "costTolerance");
        double errorBand = NetworkReference.number(card, "errorTolerance");
        int last = EPOCHS - 1;
        // the parameters the training left (their new values came back from the lab's run), measured here in plain Java
        double[][] trainedHw = m.hidden().w().getValue().toDoubleMatrix();
        double[] trainedHb = m.hidden().b().getValue().toDoubleArray();
        double[][] trainedOw = m.output().w().getValue().toDoubleMatrix();
        double[] trainedOb = m.output().b().getValue().toDoubleArray();
        double measuredTrainError = errorRate(DATA.train(), 0, TRAIN_SIZE, trainedHw, trainedHb, trainedOw, trainedOb);
        double measuredValidationError = errorRate(DATA.validation(), 0, VALIDATION_SIZE, trainedHw, trainedHb, trainedOw,
                trainedOb);
        double measuredCost = NetworkReference.nll(NetworkReference.mlp(rows(DATA.train(), 0, TRAIN_SIZE), trainedHw,
                trainedHb, trainedOw, trainedOb), labelsOf(DATA.train().labels(), 0, TRAIN_SIZE))
                + L1 * (NetworkReference.sumAbs(trainedHw) + NetworkReference.sumAbs(trainedOw))
                + L2 * (NetworkReference.sumSquares(trainedHw) + NetworkReference.sumSquares(trainedOw));
        assertThat(measuredValidationError).as("validation error of the trained parameters, measured by the grader,"
                + " against the card's %s", NetworkReference.number(card, "finalValidationError"))
                .isCloseTo(NetworkReference.number(card, "finalValidationError"), within(errorBand));
        assertThat(measuredTrainError).as("train error of the trained parameters, measured by the grader, against the"
                + " card's %s", NetworkReference.number(card, "finalTrainError"))
                .isCloseTo(NetworkReference.number(card, "finalTrainError"), within(errorBand));
        assertThat(validationErrors[last]).as("final validation error recorded, against the one the grader measured")
                .isCloseTo(measuredValidationError, within(TIGHT));
        assertThat(trainErrors[last]).as("final train error recorded, against the one the grader measured")
                .isCloseTo(measuredTrainError, within(TIGHT));
        // the card's final cost is the mean over the last epoch's minibatches, each taken before its update: the
        // trained parameters must do at least as well on the whole training set, and better than the recorded mean
        assertThat(measuredCost).as("cost of the trained parameters on the training digits, measured by the grader,"
                + " within the card's band of its final cost %s or below", NetworkReference.number(card, "finalCost"))
                .isLessThanOrEqualTo((1 + costBand) * NetworkReference.number(card, "finalCost"));
        assertThat(measuredCost).as("cost of the trained parameters, measured by the grader, below the mean cost"
                + " recorded for the last epoch").isLessThan(costs[last]);
        assertThat(costs[last]).as("final cost against the card's %s", NetworkReference.number(card, "finalCost"))
                .isCloseTo(NetworkReference.number(card, "finalCost"), within(costBand * NetworkReference.number(card, "finalCost")));
        assertThat(trainErrors[last]).as("final train error against the card")
                .isCloseTo(NetworkReference.number(card, "finalTrainError"), within(errorBand));
        assertThat(validationErrors[last]).as("final validation error against the card")
                .isCloseTo(NetworkReference.number(card, "finalValidationError"), within(errorBand));
    }

    @Test
    @DisplayName("Step 11: the predicted classes are the argmax of p(y|x) for each digit")
    @Graded(lab = 3, step = "3.11", points = 1, hint = "See lessons/lab3.adoc, step 11.")
    void step11_predictions() {
        Digits digits = DATA.test().subset(IntStream.range(0, 30).toArray());
        int[] got = predictions(randomModel(), digits);
        double[][] p = NetworkReference.mlp(rows(DATA.test(), 0, 30), HW, HB, OW, OB);
        assertThat(got).as("predicted classes of test digits 0..29")
                .containsExactly(IntStream.range(0, 30).map(i -> NetworkReference.argmax(p[i])).toArray());
    }

    @Test
    @DisplayName("Step 12: the confusion matrix counts true class (row) against predicted class (column)")
    @Graded(lab = 3, step = "3.12", points = 1, hint = "See lessons/lab3.adoc, step 12.")
    void step12_confusionMatrix() {
        int[] truth = {0, 1, 1, 9, 3, 3, 3, 7};
        int[] predicted = {0, 7, 1, 9, 3, 5, 5, 7};
        int[][] counts = confusionMatrix(truth, predicted);
        assertThat(counts).as("10 rows").hasNumberOfRows(10);
        assertThat(counts[1]).as("row of true class 1").containsExactly(0, 1, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThat(counts[3]).as("row of true class 3").containsExactly(0, 0, 0, 1, 0, 2, 0, 0, 0, 0);
        assertThat(counts[0][0] + counts[9][9] + counts[7][7]).as("diagonal of classes 0, 7, 9").isEqualTo(3);
        assertThat(java.util.Arrays.stream(counts).flatMapToInt(java.util.Arrays::stream).sum()).as("sum of all entries")
                .isEqualTo(8);
    }
}
