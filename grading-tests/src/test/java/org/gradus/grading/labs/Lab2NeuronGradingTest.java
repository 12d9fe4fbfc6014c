package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.grading.Graded;
import org.gradus.lab.Boundary;
import org.gradus.lab.TwoClassData;
import org.gradus.labs.lab2.NeuronLab;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
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

    private final NeuronLab lab = new NeuronLab();

    /** A neuron built here, not by the student's step 3, so that each test grades one step. */
    private static NeuronLab.Neuron freshNeuron() {
        TensorVariable x = T.vector("x");
        SharedVariable w = Gradus.shared(W0.clone(), "w");
        SharedVariable b = Gradus.shared(0.0, "b");
        return new NeuronLab.Neuron(x, w, b, T.sigmoid(T.dot(x, w).add(b)));
    }

    private static List<TensorVariable> referenceGradient(NeuronLab.Neuron n, TensorVariable yHat) {
        return T.grad(T.sum(n.y().sub(yHat).pow(2)), List.of(n.w(), n.b()));
    }

    /** The gradient function of step 5, built here. */
    private static Function referenceGradientFunction(NeuronLab.Neuron n) {
        TensorVariable yHat = T.scalar("y_hat");
        return Gradus.function(List.of(n.x(), yHat), referenceGradient(n, yHat));
    }

    /** The training function of step 7, built here. */
    private static Function referenceTrainingFunction(NeuronLab.Neuron n) {
        TensorVariable yHat = T.scalar("y_hat");
        List<TensorVariable> g = referenceGradient(n, yHat);
        return Gradus.function(List.of(n.x(), yHat), T.sum(n.y().sub(yHat).pow(2)),
                Map.of(n.w(), n.w().sub(g.get(0).mul(LR)), n.b(), n.b().sub(g.get(1).mul(LR))));
    }

    @Test
    @DisplayName("Step 1: the neuron's output is S(x·w + b) for a vector x, and for a matrix of inputs")
    @Graded(lab = 2, step = "2.1", points = 1, hint = "See lessons/lab2.adoc, step 1.")
    void step1_activation() {
        TensorVariable x = T.vector("x");
        TensorVariable w = T.vector("w");
        TensorVariable b = T.scalar("b");
        Function f = Gradus.function(List.of(x, w, b), lab.activation(x, w, b));
        assertThat(f.call(new double[] {1, 2}, W0, 0.0).doubleValue()).as("output for x = [1, 2], w = [-1, 1], b = 0")
                .isCloseTo(0.7310585786300049, within(TIGHT));
        TensorVariable batch = T.matrix("X");
        double[][] rows = {{0.5, -1, 2}, {1, 1, 1}, {-2, 0.25, 0}, {3, -0.5, 1}, {0, 0, -1}};
        double[] weights = {0.3, -0.7, 1.1};
        double[] got = Gradus.function(List.of(batch, w, b), lab.activation(batch, w, b))
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
        T.verifyGrad(in -> lab.activation(T.constant(new double[] {0.5, -1.5}), in.get(0), in.get(1)),
                List.of(new double[] {0.8, -0.3}, 0.1));
    }

    @Test
    @DisplayName("Step 2: the neuron function of x, w and b matches S(x·w + b) on 20 random inputs")
    @Graded(lab = 2, step = "2.2", points = 1, hint = "See lessons/lab2.adoc, step 2.")
    void step2_neuronFunction() {
        Function neuron = lab.neuronFunction();
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
        NeuronLab.Neuron n = lab.sharedNeuron(new double[] {1, 1}, 0);
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
        Function cost = Gradus.function(List.of(y, yHat), lab.cost(y, yHat));
        assertThat(cost.call(0.25, 1.0).doubleValue()).as("cost(0.25, 1)").isCloseTo(0.5625, within(TIGHT));
        assertThat(cost.call(0.9, 0.0).doubleValue()).as("cost(0.9, 0)").isCloseTo(0.81, within(TIGHT));
        TensorVariable ys = T.vector("ys");
        TensorVariable targets = T.vector("targets");
        assertThat(Gradus.function(List.of(ys, targets), lab.cost(ys, targets))
                .call(new double[] {0.5, 0.1, 1}, new double[] {1, 0, 0}).doubleValue())
                .as("cost of 3 outputs [0.5, 0.1, 1] against [1, 0, 0], a sum over all of them")
                .isCloseTo(0.25 + 0.01 + 1, within(TIGHT));
    }

    @Test
    @DisplayName("Step 5: dw and db match the chain rule 2(y - yHat)·y(1 - y)·[x, 1] on random points")
    @Graded(lab = 2, step = "2.5", points = 1, hint = "See lessons/lab2.adoc, step 5.")
    void step5_gradientValues() {
        NeuronLab.Neuron n = freshNeuron();
        Function gradient = lab.gradientFunction(n, T.scalar("y_hat"));
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
        NeuronLab.Neuron n = freshNeuron();
        TensorVariable yHat = T.scalar("y_hat");
        Function gradient = lab.gradientFunction(n, yHat);
        List<TensorVariable> expected = T.grad(lab.cost(n.y(), yHat), List.of(n.w(), n.b()));
        assertThat(gradient.userOutputs()).as("outputs dw, db").hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(Printing.debugprint(gradient.userOutputs().get(i)))
                    .as("output %d should be the graph T.grad(cost, List.of(w, b)).get(%d) builds", i, i)
                    .isEqualTo(Printing.debugprint(expected.get(i)));
        }
    }

    @Test
    @DisplayName("Step 6: one step by hand moves w and b against the gradient, by lr times it")
    @Graded(lab = 2, step = "2.6", points = 1, hint = "See lessons/lab2.adoc, step 6.")
    void step6_oneStepByHand() {
        NeuronLab.Neuron n = freshNeuron();
        lab.trainByHand(n, referenceGradientFunction(n), X, 1, LR, 1);
        double[] expected = Reference.train(X, 1, W0, 0, LR, 1);
        assertThat(n.w().getValue().toDoubleArray()).as("w after one step: w - lr·dw")
                .containsExactly(new double[] {expected[0], expected[1]}, within(TIGHT));
        assertThat(n.b().getValue().doubleValue()).as("b after one step: b - lr·db").isCloseTo(expected[2], within(TIGHT));
    }

    @Test
    @DisplayName("Step 6: 1000 steps by hand end at w = [0.29564…, -0.29564…], b = 1.29564…")
    @Graded(lab = 2, step = "2.6", points = 1, hint = "See lessons/lab2.adoc, step 6.")
    void step6_thousandStepsByHand() {
        NeuronLab.Neuron n = freshNeuron();
        lab.trainByHand(n, referenceGradientFunction(n), X, 1, LR, 1000);
        assertTrained(n);
    }

    @Test
    @DisplayName("Step 7: the training function updates exactly w and b, by -lr times the gradient")
    @Graded(lab = 2, step = "2.7", points = 1, hint = "See lessons/lab2.adoc, step 7.")
    void step7_updates() {
        NeuronLab.Neuron n = freshNeuron();
        Function train = lab.trainingFunction(n, T.scalar("y_hat"), LR);
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
    @Graded(lab = 2, step = "2.7", points = 1, hint = "See lessons/lab2.adoc, step 7.")
    void step7_thousandCalls() {
        NeuronLab.Neuron n = freshNeuron();
        Function train = lab.trainingFunction(n, T.scalar("y_hat"), LR);
        for (int i = 0; i < 1000; i++) {
            train.call(X, 1.0);
        }
        assertTrained(n);
    }

    @Test
    @DisplayName("Step 8: the recorded costs start at 0.77580…, never rise, and training really happened")
    @Graded(lab = 2, step = "2.8", points = 1, hint = "See lessons/lab2.adoc, step 8.")
    void step8_costCurve() {
        NeuronLab.Neuron n = freshNeuron();
        double[] costs = lab.trainAndRecordCosts(referenceTrainingFunction(n), X, 1, 1000);
        assertThat(costs).as("one cost per step").hasSize(1000);
        assertThat(costs[0]).as("first cost").isCloseTo(0.7758034925743759, within(TIGHT));
        for (int i = 1; i < costs.length; i++) {
            assertThat(costs[i]).as("cost at step %d, not above the one before", i + 1).isLessThanOrEqualTo(costs[i - 1]);
        }
        assertTrained(n);
    }

    @Test
    @DisplayName("Step 9: training on two classes matches plain gradient descent and separates 95% of the points")
    @Graded(lab = 2, step = "2.9", points = 1, hint = "See lessons/lab2.adoc, step 9.")
    void step9_twoClasses() {
        TwoClassData data = TwoClassData.generate(2016, 50);
        NeuronLab.TrainingRun run = lab.trainOnTwoClasses(data, 200, 1.0, 50);
        assertThat(run.costs()).as("one cost per epoch").hasSize(200);
        assertThat(run.boundaries()).as("boundaries at epochs 0, 50, 100, 150, 200").hasSize(5);
        assertThat(run.boundaries().get(0)).as("the boundary before training (w = [-1, 1], b = 0)")
                .isEqualTo(new Boundary("epoch 0", -1, 1, 0));
        double[] wb = {-1, 1, 0};
        for (int epoch = 1; epoch <= 200; epoch++) {
            double cost = Reference.batchStep(data.points(), data.labels(), wb, 1.0);
            assertThat(run.costs()[epoch - 1]).as("mean squared error at epoch %d", epoch).isCloseTo(cost, within(1e-9));
            if (epoch % 50 == 0) {
                Boundary b = run.boundaries().get(epoch / 50);
                assertThat(b.label()).as("label of the boundary at epoch %d", epoch).isEqualTo("epoch " + epoch);
                assertThat(new double[] {b.w1(), b.w2(), b.b()}).as("w1, w2, b at epoch %d", epoch)
                        .containsExactly(wb, within(1e-9));
            }
        }
        Boundary last = run.boundaries().get(4);
        assertThat(data.accuracy(last.w1(), last.w2(), last.b())).as("fraction of points on the right side")
                .isGreaterThanOrEqualTo(0.95);
    }

    private static void assertTrained(NeuronLab.Neuron n) {
        assertThat(n.w().getValue().toDoubleArray()).as("w after 1000 steps")
                .containsExactly(new double[] {TRAINED[0], TRAINED[1]}, within(1e-9));
        assertThat(TRAINED[0]).as("the talk's value of w[0]").isCloseTo(0.29564, within(1e-5));
        assertThat(n.b().getValue().doubleValue()).as("b after 1000 steps").isCloseTo(TRAINED[2], within(1e-9));
    }
}
