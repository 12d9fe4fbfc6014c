package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.grading.Graded;
import org.gradus.grading.judge.LabSession;
import org.gradus.lab.Boundary;
import org.gradus.lab.TwoClassData;
import org.gradus.lab.remote.RecordData;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lab 2 — the single neuron")
class Lab2NeuronGradingTest {
    private static final double TIGHT = 1e-12;
    private static final double[] X = {1, -1};
    private static final double[] W0 = {-1, 1};
    private static final double LR = 0.01;
    /** The talk's result: 1000 steps from w = [-1, 1], b = 0 on x = [1, -1], yHat = 1. */
    private static final double[] TRAINED = Reference.train(X, 1, W0, 0, LR, 1000);

    /**
     * A second problem, not the lesson's: training is graded on what it computes here too, so that
     * setting w and b to the lesson's published numbers earns nothing.
     */
    private static final double[] OTHER_X = {2, 0.5};
    private static final double[] OTHER_W0 = {0.5, -0.25};
    private static final double OTHER_B0 = 0.3;
    private static final double OTHER_Y_HAT = 0;
    private static final double OTHER_LR = 0.05;

    private static final String LAB = "NeuronLab";

    private final LabSession lab = LabSession.of(2);

    /** The lab is compiled and its runner started here, outside the first test's time limit. */
    @BeforeAll
    static void prepareLab() {
        LabSession.of(2).prepare();
    }

    /** The lab's record {@code NeuronLab.Neuron}, held here as judge-side data. */
    private record Neuron(TensorVariable x, SharedVariable w, SharedVariable b, TensorVariable y) {
        /** The record as the runner builds the lab's own {@code Neuron} from it. */
        RecordData toLab() {
            Map<String, Object> components = new LinkedHashMap<>();
            components.put("x", x);
            components.put("w", w);
            components.put("b", b);
            components.put("y", y);
            return new RecordData("org.gradus.labs.lab2.NeuronLab$Neuron", components);
        }

        static Neuron of(RecordData lab) {
            return new Neuron(lab.get("x", TensorVariable.class), lab.get("w", SharedVariable.class),
                    lab.get("b", SharedVariable.class), lab.get("y", TensorVariable.class));
        }
    }

    // the lab's steps, called in the runner JVM; what they return is rebuilt here

    private TensorVariable activation(TensorVariable x, TensorVariable w, TensorVariable b) {
        return lab.call(TensorVariable.class, LAB, "activation", x, w, b);
    }

    private Function neuronFunction() {
        return lab.call(Function.class, LAB, "neuronFunction");
    }

    private Neuron sharedNeuron(double[] initialW, double initialB) {
        return Neuron.of(lab.call(RecordData.class, LAB, "sharedNeuron", initialW, initialB));
    }

    private TensorVariable cost(TensorVariable y, TensorVariable yHat) {
        return lab.call(TensorVariable.class, LAB, "cost", y, yHat);
    }

    private Function gradientFunction(Neuron n, TensorVariable yHat) {
        return lab.call(Function.class, LAB, "gradientFunction", n.toLab(), yHat);
    }

    /** Step 6 in the runner: the new values of {@code n}'s w and b come back onto the objects here. */
    private void trainByHand(Neuron n, Function gradient, double[] x, double yHat, double lr, int steps) {
        lab.call(LAB, "trainByHand", n.toLab(), gradient, x, yHat, lr, steps);
    }

    private Function trainingFunction(Neuron n, TensorVariable yHat, double lr) {
        return lab.call(Function.class, LAB, "trainingFunction", n.toLab(), yHat, lr);
    }

    /** Step 8 in the runner: the training function's shared variables come back trained. */
    private double[] trainAndRecordCosts(Function train, double[] x, double yHat, int steps) {
        return lab.call(double[].class, LAB, "trainAndRecordCosts", train, x, yHat, steps);
    }

    private RecordData trainOnTwoClasses(TwoClassData data, int epochs, double lr, int snapshotEvery) {
        return lab.call(RecordData.class, LAB, "trainOnTwoClasses", data, epochs, lr, snapshotEvery);
    }

    /** A neuron built here, not by the student's step 3, so that each test grades one step. */
    private static Neuron freshNeuron() {
        return freshNeuron(W0, 0);
    }

    private static Neuron freshNeuron(double[] w0, double b0) {
        TensorVariable x = T.vector("x");
        SharedVariable w = Gradus.shared(w0.clone(), "w");
        SharedVariable b = Gradus.shared(b0, "b");
        return new Neuron(x, w, b, T.sigmoid(T.dot(x, w).add(b)));
    }

    private static List<TensorVariable> referenceGradient(Neuron n, TensorVariable yHat) {
        return T.grad(T.sum(n.y().sub(yHat).pow(2)), List.of(n.w(), n.b()));
    }

    /** The gradient function of step 5, built here. */
    private static Function referenceGradientFunction(Neuron n) {
        TensorVariable yHat = T.scalar("y_hat");
        return Gradus.function(List.of(n.x(), yHat), referenceGradient(n, yHat));
    }

    /** The training function of step 7, built here. */
    private static Function referenceTrainingFunction(Neuron n, double lr) {
        TensorVariable yHat = T.scalar("y_hat");
        List<TensorVariable> g = referenceGradient(n, yHat);
        return Gradus.function(List.of(n.x(), yHat), T.sum(n.y().sub(yHat).pow(2)),
                Map.of(n.w(), n.w().sub(g.get(0).mul(lr)), n.b(), n.b().sub(g.get(1).mul(lr))));
    }

    @Test
    @DisplayName("Step 1: the neuron's output is S(x·w + b) for a vector x, and for a matrix of inputs")
    @Graded(lab = 2, step = "2.1", points = 1, hint = "See lessons/lab2.adoc, step 1.")
    void step1_activation() {
        TensorVariable x = T.vector("x");
        TensorVariable w = T.vector("w");
        TensorVariable b = T.scalar("b");
        Function f = Gradus.function(List.of(x, w, b), activation(x, w, b));
        assertThat(f.call(new double[] {1, 2}, W0, 0.0).doubleValue()).as("output for x = [1, 2], w = [-1, 1], b = 0")
                .isCloseTo(0.7310585786300049, within(TIGHT));
        TensorVariable batch = T.matrix("X");
        double[][] rows = {{0.5, -1, 2}, {1, 1, 1}, {-2, 0.25, 0}, {3, -0.5, 1}, {0, 0, -1}};
        double[] weights = {0.3, -0.7, 1.1};
        double[] got = Gradus.function(List.of(batch, w, b), activation(batch, w, b))
                .call(rows, weights, 0.2).toDoubleArray();
        assertThat(got).as("outputs for 5 inputs of 3 features, one per row").hasSize(5);
        for (int i = 0; i < rows.length; i++) {
            assertThat(got[i]).as("output for row %d", i).isCloseTo(Reference.neuron(rows[i], weights, 0.2), within(TIGHT));
        }
    }

    @Test
    @DisplayName("Step 1: the neuron has correct gradients with respect to w and b (verifyGrad)")
    @Graded(lab = 2, step = "2.1", points = 1, hint = "See lessons/lab2.adoc, step 1.")
    void step1_verifyGrad() {
        double[] x = {0.5, -1.5};
        TensorVariable w = T.vector("w");
        TensorVariable b = T.scalar("b");
        assertThat(Gradus.function(List.of(w, b), activation(T.constant(x), w, b)).call(new double[] {0.8, -0.3}, 0.1)
                .doubleValue()).as("output for x = [0.5, -1.5], w = [0.8, -0.3], b = 0.1, checked with the gradient"
                        + " so that a wrong neuron earns nothing")
                .isCloseTo(Reference.neuron(x, new double[] {0.8, -0.3}, 0.1), within(TIGHT));
        T.verifyGrad(in -> activation(T.constant(x), in.get(0), in.get(1)), List.of(new double[] {0.8, -0.3}, 0.1));
    }

    @Test
    @DisplayName("Step 2: the neuron function of x, w and b matches S(x·w + b) on 20 random inputs")
    @Graded(lab = 2, step = "2.2", points = 1, hint = "See lessons/lab2.adoc, step 2.")
    void step2_neuronFunction() {
        Function neuron = neuronFunction();
        assertThat(neuron.inputs()).as("inputs x, w, b").hasSize(3);
        assertThat(neuron.inputs().stream().map(TensorVariable::ndim).toList()).as("ranks of x, w, b")
                .containsExactly(1, 1, 0);
        Random random = new Random(2016);
        for (int i = 0; i < 20; i++) {
            double[] x = {random.nextDouble(), random.nextDouble()};
            double[] w = {random.nextGaussian(), random.nextGaussian()};
            double b = random.nextGaussian();
            assertThat(neuron.call(x, w, b).doubleValue()).as("neuron(%s, %s, %s)", NDArray.of(x), NDArray.of(w), b)
                    .isCloseTo(Reference.neuron(x, w, b), within(TIGHT));
        }
    }

    @Test
    @DisplayName("Step 3: w and b are shared variables that the compiled neuron reads at every call")
    @Graded(lab = 2, step = "2.3", points = 1, hint = "See lessons/lab2.adoc, step 3.")
    void step3_sharedVariables() {
        Neuron n = sharedNeuron(new double[] {1, 1}, 0.0);
        assertThat(n.w().name()).as("name of w").isEqualTo("w");
        assertThat(n.b().name()).as("name of b").isEqualTo("b");
        assertThat(n.w().getValue().toDoubleArray()).as("initial w").containsExactly(1, 1);
        assertThat(n.b().getValue().doubleValue()).as("initial b").isZero();
        Function neuron = Gradus.function(List.of(n.x()), n.y());
        assertThat(neuron.call(new double[] {1, 2}).doubleValue()).as("neuron([1, 2]) with w = [1, 1]")
                .isCloseTo(Reference.logistic(3), within(TIGHT));
        n.w().setValue(new double[] {-1, 1});
        assertThat(neuron.call(new double[] {1, 2}).doubleValue()).as("neuron([1, 2]) after w.setValue([-1, 1])")
                .isCloseTo(Reference.logistic(1), within(TIGHT));
    }

    @Test
    @DisplayName("Step 4: the cost is the sum of squared errors: 0.5625 for y = 0.25, yHat = 1")
    @Graded(lab = 2, step = "2.4", points = 1, hint = "See lessons/lab2.adoc, step 4.")
    void step4_cost() {
        TensorVariable y = T.scalar("y");
        TensorVariable yHat = T.scalar("y_hat");
        Function cost = Gradus.function(List.of(y, yHat), cost(y, yHat));
        assertThat(cost.call(0.25, 1.0).doubleValue()).as("cost(0.25, 1)").isCloseTo(0.5625, within(TIGHT));
        assertThat(cost.call(0.9, 0.0).doubleValue()).as("cost(0.9, 0)").isCloseTo(0.81, within(TIGHT));
        TensorVariable ys = T.vector("ys");
        TensorVariable targets = T.vector("targets");
        assertThat(Gradus.function(List.of(ys, targets), cost(ys, targets))
                .call(new double[] {0.5, 0.1, 1}, new double[] {1, 0, 0}).doubleValue())
                .as("cost of 3 outputs [0.5, 0.1, 1] against [1, 0, 0], a sum over all of them")
                .isCloseTo(0.25 + 0.01 + 1, within(TIGHT));
    }

    @Test
    @DisplayName("Step 5: dw and db match the chain rule 2(y - yHat)·y(1 - y)·[x, 1] on random points")
    @Graded(lab = 2, step = "2.5", points = 1, hint = "See lessons/lab2.adoc, step 5.")
    void step5_gradientValues() {
        Neuron n = freshNeuron();
        Function gradient = gradientFunction(n, T.scalar("y_hat"));
        assertThat(gradient.updates()).as("the gradient function updates nothing").isEmpty();
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian()};
            double yHat = random.nextInt(2);
            List<NDArray> g = gradient.callAll(x, yHat);
            double[] expected = Reference.squaredErrorGradient(x, W0, 0, yHat);
            assertThat(g.get(0).toDoubleArray()).as("dw at x = %s, yHat = %s", NDArray.of(x), yHat)
                    .containsExactly(new double[] {expected[0], expected[1]}, within(TIGHT));
            assertThat(g.get(1).doubleValue()).as("db at x = %s, yHat = %s", NDArray.of(x), yHat)
                    .isCloseTo(expected[2], within(TIGHT));
        }
        assertThat(n.w().getValue().toDoubleArray()).as("w is unchanged by the gradient function").containsExactly(W0);
    }

    @Test
    @DisplayName("Step 5: dw and db are built by T.grad of the step 4 cost")
    @Graded(lab = 2, step = "2.5", points = 1, hint = "See lessons/lab2.adoc, step 5.")
    void step5_builtWithTGrad() {
        Neuron n = freshNeuron();
        TensorVariable yHat = T.scalar("y_hat");
        Function gradient = gradientFunction(n, yHat);
        List<TensorVariable> expected = T.grad(cost(n.y(), yHat), List.of(n.w(), n.b()));
        assertThat(gradient.userOutputs()).as("outputs dw, db").hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(Printing.debugprint(gradient.userOutputs().get(i)))
                    .as("output %d should be the graph T.grad(cost, List.of(w, b)).get(%d) builds", i, i)
                    .isEqualTo(Printing.debugprint(expected.get(i)));
        }
        List<NDArray> g = gradient.callAll(X, 1.0);
        double[] values = Reference.squaredErrorGradient(X, W0, 0, 1);
        assertThat(g.get(0).toDoubleArray()).as("dw at x = [1, -1], yHat = 1, checked with the structure")
                .containsExactly(new double[] {values[0], values[1]}, within(TIGHT));
        assertThat(g.get(1).doubleValue()).as("db at x = [1, -1], yHat = 1, checked with the structure")
                .isCloseTo(values[2], within(TIGHT));
    }

    @Test
    @DisplayName("Step 6: one step by hand moves w and b against the gradient, by lr times it")
    @Graded(lab = 2, step = "2.6", points = 1, hint = "See lessons/lab2.adoc, step 6.")
    void step6_oneStepByHand() {
        Neuron n = freshNeuron();
        trainByHand(n, referenceGradientFunction(n), X, 1.0, LR, 1);
        double[] expected = Reference.train(X, 1, W0, 0, LR, 1);
        assertThat(n.w().getValue().toDoubleArray()).as("w after one step: w - lr·dw")
                .containsExactly(new double[] {expected[0], expected[1]}, within(TIGHT));
        assertThat(n.b().getValue().doubleValue()).as("b after one step: b - lr·db").isCloseTo(expected[2], within(TIGHT));
    }

    @Test
    @DisplayName("Step 6: 1000 steps by hand end at w = [0.29564…, -0.29564…], b = 1.29564…")
    @Graded(lab = 2, step = "2.6", points = 1, timeoutSeconds = 30, hint = "See lessons/lab2.adoc, step 6.")
    void step6_thousandStepsByHand() {
        Neuron n = freshNeuron();
        trainByHand(n, referenceGradientFunction(n), X, 1.0, LR, 1000);
        assertTrained(n);
        Neuron other = freshNeuron(OTHER_W0, OTHER_B0);
        trainByHand(other, referenceGradientFunction(other), OTHER_X, OTHER_Y_HAT, OTHER_LR, 1000);
        assertTrainedOnOtherProblem(other);
    }

    @Test
    @DisplayName("Step 7: the training function updates exactly w and b, by -lr times the gradient")
    @Graded(lab = 2, step = "2.7", points = 1, hint = "See lessons/lab2.adoc, step 7.")
    void step7_updates() {
        Neuron n = freshNeuron();
        Function train = trainingFunction(n, T.scalar("y_hat"), LR);
        assertThat(train.updates().keySet()).as("shared variables the training function updates")
                .containsExactlyInAnyOrder(n.w(), n.b());
        double cost = train.call(X, 1.0).doubleValue();
        double y = Reference.neuron(X, W0, 0);
        assertThat(cost).as("the cost returned by the first call, before the update").isCloseTo((y - 1) * (y - 1), within(TIGHT));
        double[] expected = Reference.train(X, 1, W0, 0, LR, 1);
        assertThat(n.w().getValue().toDoubleArray()).as("w after one call")
                .containsExactly(new double[] {expected[0], expected[1]}, within(TIGHT));
        assertThat(n.b().getValue().doubleValue()).as("b after one call").isCloseTo(expected[2], within(TIGHT));
    }

    @Test
    @DisplayName("Step 7: 1000 calls of the training function end at w = [0.29564…, -0.29564…], b = 1.29564…")
    @Graded(lab = 2, step = "2.7", points = 1, timeoutSeconds = 30, hint = "See lessons/lab2.adoc, step 7.")
    void step7_thousandCalls() {
        Neuron n = freshNeuron();
        Function train = trainingFunction(n, T.scalar("y_hat"), LR);
        for (int i = 0; i < 1000; i++) {
            train.call(X, 1.0);
        }
        assertTrained(n);
        Neuron other = freshNeuron(OTHER_W0, OTHER_B0);
        Function trainOther = trainingFunction(other, T.scalar("y_hat"), OTHER_LR);
        for (int i = 0; i < 1000; i++) {
            trainOther.call(OTHER_X, OTHER_Y_HAT);
        }
        assertTrainedOnOtherProblem(other);
    }

    @Test
    @DisplayName("Step 8: the recorded costs start at 0.77580…, never rise, and training really happened")
    @Graded(lab = 2, step = "2.8", points = 1, timeoutSeconds = 30, hint = "See lessons/lab2.adoc, step 8.")
    void step8_costCurve() {
        Neuron n = freshNeuron();
        double[] costs = trainAndRecordCosts(referenceTrainingFunction(n, LR), X, 1.0, 1000);
        assertThat(costs).as("one cost per step").hasSize(1000);
        assertThat(costs[0]).as("first cost").isCloseTo(0.7758034925743759, within(TIGHT));
        for (int i = 1; i < costs.length; i++) {
            assertThat(costs[i]).as("cost at step %d, not above the one before", i + 1).isLessThanOrEqualTo(costs[i - 1]);
        }
        assertTrained(n);
        Neuron other = freshNeuron(OTHER_W0, OTHER_B0);
        double[] otherCosts = trainAndRecordCosts(referenceTrainingFunction(other, OTHER_LR), OTHER_X, OTHER_Y_HAT, 1000);
        assertThat(otherCosts).as("one cost per step, x = [2, 0.5], yHat = 0").hasSize(1000);
        double[] wb = {OTHER_W0[0], OTHER_W0[1], OTHER_B0};
        for (int i = 0; i < otherCosts.length; i++) {
            double y = Reference.neuron(OTHER_X, new double[] {wb[0], wb[1]}, wb[2]);
            assertThat(otherCosts[i]).as("cost returned by call %d, x = [2, 0.5], yHat = 0", i + 1)
                    .isCloseTo((y - OTHER_Y_HAT) * (y - OTHER_Y_HAT), within(1e-9));
            wb = Reference.train(OTHER_X, OTHER_Y_HAT, new double[] {wb[0], wb[1]}, wb[2], OTHER_LR, 1);
        }
        assertTrainedOnOtherProblem(other);
    }

    @Test
    @DisplayName("Step 9: training on two classes matches plain gradient descent and separates 95% of the points")
    @Graded(lab = 2, step = "2.9", points = 1, timeoutSeconds = 30, hint = "See lessons/lab2.adoc, step 9.")
    void step9_twoClasses() {
        TwoClassData data = TwoClassData.generate(2016, 50);
        RecordData run = trainOnTwoClasses(data, 200, 1.0, 50);
        double[] costs = run.get("costs", double[].class);
        List<Boundary> boundaries = boundaries(run);
        assertThat(costs).as("one cost per epoch").hasSize(200);
        assertThat(boundaries).as("boundaries at epochs 0, 50, 100, 150, 200").hasSize(5);
        assertThat(boundaries.get(0)).as("the boundary before training (w = [-1, 1], b = 0)")
                .isEqualTo(new Boundary("epoch 0", -1, 1, 0));
        assertMatchesGradientDescent(data, 1.0, 50, costs, boundaries, "");
        Boundary last = boundaries.get(4);
        assertThat(data.accuracy(last.w1(), last.w2(), last.b())).as("fraction of points on the right side")
                .isGreaterThanOrEqualTo(0.95);

        // the trained boundary on points it never saw, drawn here
        long heldOutSeed = ThreadLocalRandom.current().nextLong();
        TwoClassData heldOut = TwoClassData.generate(heldOutSeed, 500);
        assertThat(heldOut.accuracy(last.w1(), last.w2(), last.b()))
                .as("fraction of 1000 held-out points (seed %d) on the right side of the last boundary", heldOutSeed)
                .isGreaterThanOrEqualTo(0.95);

        // training on a data set drawn here, so that the lesson's numbers cannot stand in for training
        long seed = ThreadLocalRandom.current().nextLong();
        TwoClassData fresh = TwoClassData.generate(seed, 30);
        RecordData freshRun = trainOnTwoClasses(fresh, 120, 0.5, 40);
        double[] freshCosts = freshRun.get("costs", double[].class);
        List<Boundary> freshBoundaries = boundaries(freshRun);
        String where = " (data of seed " + seed + ", 120 epochs, lr = 0.5)";
        assertThat(freshCosts).as("one cost per epoch" + where).hasSize(120);
        assertThat(freshBoundaries).as("boundaries at epochs 0, 40, 80, 120" + where).hasSize(4);
        assertThat(freshBoundaries.get(0)).as("the boundary before training" + where)
                .isEqualTo(new Boundary("epoch 0", -1, 1, 0));
        assertMatchesGradientDescent(fresh, 0.5, 40, freshCosts, freshBoundaries, where);
    }

    /** The costs and boundaries of a run against full-batch gradient descent computed here from w = [-1, 1], b = 0. */
    private static void assertMatchesGradientDescent(TwoClassData data, double lr, int every, double[] costs,
            List<Boundary> boundaries, String where) {
        double[] wb = {-1, 1, 0};
        for (int epoch = 1; epoch <= costs.length; epoch++) {
            double cost = Reference.batchStep(data.points(), data.labels(), wb, lr);
            assertThat(costs[epoch - 1]).as("mean squared error at epoch %d%s", epoch, where).isCloseTo(cost, within(1e-9));
            if (epoch % every == 0) {
                Boundary b = boundaries.get(epoch / every);
                assertThat(b.label()).as("label of the boundary at epoch %d%s", epoch, where).isEqualTo("epoch " + epoch);
                assertThat(new double[] {b.w1(), b.w2(), b.b()}).as("w1, w2, b at epoch %d%s", epoch, where)
                        .containsExactly(wb, within(1e-9));
            }
        }
    }

    private static List<Boundary> boundaries(RecordData run) {
        List<Boundary> boundaries = new ArrayList<>();
        for (Object b : run.get("boundaries", List.class)) {
            assertThat(b).as("each boundary is an org.gradus.lab.Boundary").isInstanceOf(Boundary.class);
            boundaries.add((Boundary) b);
        }
        return boundaries;
    }

    private static void assertTrained(Neuron n) {
        assertThat(n.w().getValue().toDoubleArray()).as("w after 1000 steps")
                .containsExactly(new double[] {TRAINED[0], TRAINED[1]}, within(1e-9));
        assertThat(TRAINED[0]).as("the talk's value of w[0]").isCloseTo(0.29564, within(1e-5));
        assertThat(n.b().getValue().doubleValue()).as("b after 1000 steps").isCloseTo(TRAINED[2], within(1e-9));
    }

    /** The second problem: the trained w and b against gradient descent here, and the trained neuron evaluated here. */
    private static void assertTrainedOnOtherProblem(Neuron n) {
        double[] expected = Reference.train(OTHER_X, OTHER_Y_HAT, OTHER_W0, OTHER_B0, OTHER_LR, 1000);
        assertThat(n.w().getValue().toDoubleArray()).as("w after 1000 steps from w = [0.5, -0.25], b = 0.3 on x = [2, 0.5],"
                + " yHat = 0, lr = 0.05").containsExactly(new double[] {expected[0], expected[1]}, within(1e-9));
        assertThat(n.b().getValue().doubleValue()).as("b after 1000 steps from w = [0.5, -0.25], b = 0.3 on x = [2, 0.5],"
                + " yHat = 0, lr = 0.05").isCloseTo(expected[2], within(1e-9));
        double trained = Gradus.function(List.of(n.x()), n.y()).call(OTHER_X).doubleValue();
        assertThat(trained).as("output of the trained neuron for x = [2, 0.5], computed by the grader")
                .isCloseTo(Reference.neuron(OTHER_X, new double[] {expected[0], expected[1]}, expected[2]), within(1e-9))
                .isLessThan(Reference.neuron(OTHER_X, OTHER_W0, OTHER_B0));
    }
}
