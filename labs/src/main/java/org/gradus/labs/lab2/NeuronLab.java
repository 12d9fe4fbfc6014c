package org.gradus.labs.lab2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.lab.Boundary;
import org.gradus.lab.NotDoneYet;
import org.gradus.lab.Plots;
import org.gradus.lab.Progress;
import org.gradus.lab.StepRunner;
import org.gradus.lab.TwoClassData;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * Lab 2 — the single neuron y = S(x·w + b): inputs and parameters, shared variables, a cost and its
 * gradient, training by hand and with updates, and a neuron that learns to separate two classes.
 * The lesson is {@code lessons/lab2.adoc}; run {@link #main} to see every step's result.
 */
public class NeuronLab {
    /** A neuron whose parameters live in shared variables {@code w} and {@code b}; {@code y} is its output for input {@code x}. */
    public record Neuron(TensorVariable x, SharedVariable w, SharedVariable b, TensorVariable y) {
    }

    /** What training on a data set produced: the cost after each epoch and the decision boundary at some epochs. */
    public record TrainingRun(double[] costs, List<Boundary> boundaries) {
    }

    /**
     * Step 1: the neuron's output for inputs {@code x}, weights {@code w} and bias {@code b}: the
     * logistic function 1 / (1 + exp(-z)) of z = x·w + b (write {@code T.dot(x, w)}, so that a
     * matrix of inputs, one per row, works too).
     * Expected: for x = [1, 2], w = [-1, 1], b = 0 the output is S(1) = 0.7310585786300049.
     */
    // tag::step1[]
    public TensorVariable activation(TensorVariable x, TensorVariable w, TensorVariable b) {
        throw new NotDoneYet(2, 1, "build the neuron's output 1 / (1 + exp(-(x·w + b)))");
    }
    // end::step1[]

    /**
     * Step 2: compile the neuron without shared variables: inputs vector x, vector w and scalar b,
     * in that order, output the activation of step 1.
     * Expected: {@code neuron.call(new double[] {1, 2}, new double[] {-1, 1}, 0)} is 0.7310585786300049.
     */
    // tag::step2[]
    public Function neuronFunction() {
        throw new NotDoneYet(2, 2, "compile the neuron with inputs x, w and b");
    }
    // end::step2[]

    /**
     * Step 3: a neuron whose parameters are shared variables named "w" and "b" holding
     * {@code initialW} and {@code initialB}; its input is a vector named "x".
     * Expected: with w = [1, 1] and b = 0, the function of x alone gives S(3) = 0.9525741268224334
     * for x = [1, 2], and S(1) after {@code w.setValue(new double[] {-1, 1})}.
     */
    // tag::step3[]
    public Neuron sharedNeuron(double[] initialW, double initialB) {
        throw new NotDoneYet(2, 3, "make w and b shared variables and build the neuron of x");
    }
    // end::step3[]

    /**
     * Step 4: the squared-error cost of output {@code y} against the desired output {@code yHat}:
     * the sum of (y - yHat)².
     * Expected: for y = 0.25 and yHat = 1 the cost is 0.5625.
     */
    // tag::step4[]
    public TensorVariable cost(TensorVariable y, TensorVariable yHat) {
        throw new NotDoneYet(2, 4, "build the squared-error cost sum((y - yHat)^2)");
    }
    // end::step4[]

    /**
     * Step 5: compile the gradient of the cost (step 4) of the neuron with respect to its parameters,
     * using {@code T.grad(cost, List.of(w, b))}: inputs x and yHat, outputs dw and db.
     * Expected: for w = [-1, 1], b = 0, x = [1, -1], yHat = 1: dw = [-0.18495…, 0.18495…], db = -0.18495….
     */
    // tag::step5[]
    public Function gradientFunction(Neuron neuron, TensorVariable yHat) {
        throw new NotDoneYet(2, 5, "compile dw and db with T.grad(cost, List.of(w, b))");
    }
    // end::step5[]

    /**
     * Step 6: train by hand: {@code steps} times, call the gradient function of step 5 on {@code x}
     * and {@code yHat}, then set w to w - lr·dw and b to b - lr·db with {@code getValue} and
     * {@code setValue}.
     * Expected: from w = [-1, 1], b = 0, 1000 steps with x = [1, -1], yHat = 1, lr = 0.01 end at
     * w = [0.29564…, -0.29564…], b = 1.29564….
     */
    // tag::step6[]
    public void trainByHand(Neuron neuron, Function gradient, double[] x, double yHat, double lr, int steps) {
        throw new NotDoneYet(2, 6, "train by hand with getValue and setValue");
    }
    // end::step6[]

    /**
     * Step 7: compile one training step: inputs x and yHat, output the cost, and updates that
     * replace w by w - lr·dw and b by b - lr·db after every call.
     * Expected: 1000 calls reach the same w and b as step 6.
     */
    // tag::step7[]
    public Function trainingFunction(Neuron neuron, TensorVariable yHat, double lr) {
        throw new NotDoneYet(2, 7, "compile a training step with updates for w and b");
    }
    // end::step7[]

    /**
     * Step 8: call the training function {@code steps} times and return the cost of each call;
     * report progress with {@code new Progress("training", steps)}.
     * Expected: from w = [-1, 1], b = 0 the costs fall from 0.77580… and never rise.
     */
    // tag::step8[]
    public double[] trainAndRecordCosts(Function train, double[] x, double yHat, int steps) {
        throw new NotDoneYet(2, 8, "call the training function and record its costs");
    }
    // end::step8[]

    /**
     * Step 9: train a neuron on all points of {@code data} at once (a matrix input, one point per row;
     * the cost is the mean squared error), starting from w = [-1, 1], b = 0, for {@code epochs} calls
     * with learning rate {@code lr}. Record the cost of every call and the boundary before training
     * and after every {@code snapshotEvery} epochs (label them "epoch N").
     * Expected: on {@code TwoClassData.generate(2016, 50)} with 200 epochs and lr = 1 the cost falls
     * and the last boundary classifies at least 95% of the points correctly.
     */
    // tag::step9[]
    public TrainingRun trainOnTwoClasses(TwoClassData data, int epochs, double lr, int snapshotEvery) {
        throw new NotDoneYet(2, 9, "train a neuron on the two-class data and record its boundaries");
    }

    private static Boundary boundary(String label, SharedVariable w, SharedVariable b) {
        double[] weights = w.getValue().toDoubleArray();
        return new Boundary(label, weights[0], weights[1], b.getValue().doubleValue());
    }
    // end::step9[]

    /** Runs every step in order and writes the figures to {@code target/figures/lab2}. */
    public static void main(String... args) {
        NeuronLab lab = new NeuronLab();
        StepRunner run = new StepRunner(2, "The single neuron");
        run.step(1, "the neuron as an expression", () -> {
            TensorVariable y = lab.activation(T.vector("x"), T.vector("w"), T.scalar("b"));
            return "y = " + Printing.pp(y) + "\n" + run.graph("neuron-expression", y);
        });
        run.step(2, "the neuron without update, on random inputs", () -> {
            Function neuron = lab.neuronFunction();
            Random random = new Random(2016);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                double[] x = {random.nextDouble(), random.nextDouble()};
                text.append("x = ").append(NDArray.of(x)).append("  ->  y = ")
                        .append(neuron.call(x, new double[] {-1, 1}, 0.0)).append('\n');
            }
            return text + run.graph("neuron", neuron);
        });
        run.step(3, "shared variables", () -> {
            Neuron n = lab.sharedNeuron(new double[] {1, 1}, 0);
            Function neuron = Gradus.function(List.of(n.x()), n.y());
            String before = "w = " + n.w().getValue() + ": neuron([1, 2]) = " + neuron.call(new double[] {1, 2});
            n.w().setValue(new double[] {-1, 1});
            return before + "\nw = " + n.w().getValue() + ": neuron([1, 2]) = " + neuron.call(new double[] {1, 2})
                    + "\n" + run.graph("shared-neuron", neuron);
        });
        run.step(4, "a squared-error cost", () -> {
            TensorVariable cost = lab.cost(T.scalar("y"), T.scalar("y_hat"));
            return "cost = " + Printing.pp(cost) + "\n" + run.graph("cost", cost);
        });
        run.step(5, "its gradient with respect to w and b", () -> {
            Neuron n = lab.sharedNeuron(new double[] {-1, 1}, 0);
            Function gradient = lab.gradientFunction(n, T.scalar("y_hat"));
            List<NDArray> g = gradient.callAll(new double[] {1, -1}, 1.0);
            return "dw = " + g.get(0) + ", db = " + g.get(1) + "\n" + run.graph("gradient", gradient);
        });
        run.step(6, "training by hand with getValue and setValue", () -> {
            Neuron n = lab.sharedNeuron(new double[] {-1, 1}, 0);
            lab.trainByHand(n, lab.gradientFunction(n, T.scalar("y_hat")), new double[] {1, -1}, 1, 0.01, 1000);
            return "after 1000 steps: w = " + n.w().getValue() + ", b = " + n.b().getValue();
        });
        run.step(7, "training with updates", () -> {
            Neuron n = lab.sharedNeuron(new double[] {-1, 1}, 0);
            Function train = lab.trainingFunction(n, T.scalar("y_hat"), 0.01);
            for (int i = 0; i < 1000; i++) {
                train.call(new double[] {1, -1}, 1.0);
            }
            return "after 1000 steps: w = " + n.w().getValue() + ", b = " + n.b().getValue() + "\n"
                    + run.graph("train", train);
        });
        run.step(8, "the cost curve", () -> {
            Neuron n = lab.sharedNeuron(new double[] {-1, 1}, 0);
            double[] costs = lab.trainAndRecordCosts(lab.trainingFunction(n, T.scalar("y_hat"), 0.01),
                    new double[] {1, -1}, 1, 1000);
            return "cost: first " + costs[0] + ", last " + costs[costs.length - 1] + "\n"
                    + run.figure("cost-curve", Plots.costCurve("Cost of the single neuron while training", costs));
        });
        run.step(9, "two classes in the plane", () -> {
            TwoClassData data = TwoClassData.generate(2016, 50);
            TrainingRun result = lab.trainOnTwoClasses(data, 200, 1.0, 50);
            Boundary last = result.boundaries().get(result.boundaries().size() - 1);
            return "cost: first " + result.costs()[0] + ", last " + result.costs()[result.costs().length - 1]
                    + "; accuracy " + data.accuracy(last.w1(), last.w2(), last.b()) + "\n"
                    + run.figure("decision-boundary", Plots.decisionBoundaries(
                            "Decision boundary while training", data, result.boundaries()));
        });
        run.printSummary();
    }
}
