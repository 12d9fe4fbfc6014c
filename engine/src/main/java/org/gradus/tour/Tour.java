package org.gradus.tour;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * A runnable tour of the engine that follows the course's reference talk example by example and
 * prints what each one computes: {@code mvn -B -q -pl engine compile exec:java}.
 */
public final class Tour {
    private final PrintStream out;

    Tour(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        new Tour(System.out).run();
    }

    void run() {
        scalarMath();
        logistic();
        gradient();
        internalRepresentation();
        neuronWithoutUpdate();
        sharedVariables();
        training();
        accumulator();
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    // tag::scalar[]
    void scalarMath() {
        section("Scalar math and functions");
        var x = T.scalar("x");
        var y = x.pow(2);
        Function f = Gradus.function(List.of(x), y);
        out.println("y = " + Printing.pp(y));
        out.println("f(2) = " + f.call(2));
    }
    // end::scalar[]

    void logistic() {
        section("The logistic function");
        var x = T.scalar("x");
        var y = T.sum(T.constant(1).div(T.constant(1).add(T.exp(x.neg()))));
        Function s = Gradus.function(List.of(x), y);
        out.println("S(2) = " + s.call(2));
        var m = T.matrix("m");
        Function logisticOfMatrix = Gradus.function(List.of(m), T.constant(1).div(T.constant(1).add(T.exp(m.neg()))));
        out.println("logistic([[0, 1], [-1, -2]]) =");
        out.println(logisticOfMatrix.call(new double[][] {{0, 1}, {-1, -2}}));
    }

    void gradient() {
        section("Computing gradients");
        var x = T.scalar("x");
        var y = T.constant(1).div(T.constant(1).add(T.exp(x.neg())));
        TensorVariable g = T.grad(y, x);
        Function gs = Gradus.function(List.of(x), g);
        out.println("g = " + Printing.pp(g));
        out.println("gS(2) = " + gs.call(2));
    }

    void internalRepresentation() {
        section("Internal representations");
        var x = T.scalar("x");
        var y = T.constant(1).div(T.constant(1).add(T.exp(x.neg()))).setName("y");
        out.println("debugprint(y):");
        out.println(Printing.debugprint(y));
        out.println("debugprint(S), the compiled function:");
        out.println(Printing.debugprint(Gradus.function(List.of(x), y)));
    }

    void neuronWithoutUpdate() {
        section("A single neuron without update");
        var x = T.vector("x");
        var w = T.vector("w");
        var b = T.scalar("b");
        var z = T.dot(w, x).add(b);
        var y = T.constant(1).div(T.constant(1).add(T.exp(z.neg())));
        Function neuron = Gradus.function(List.of(x, w, b), List.of(y));
        java.util.Random random = new java.util.Random(1234);
        for (int i = 0; i < 3; i++) {
            double[] input = {random.nextDouble(), random.nextDouble()};
            List<NDArray> result = neuron.callAll(input, new double[] {-1, 1}, 0);
            out.println("x = " + NDArray.of(input) + "  ->  y = " + result.get(0));
        }
    }

    void sharedVariables() {
        section("Shared variables");
        var x = T.vector("x");
        SharedVariable w = Gradus.shared(new double[] {1., 1.}, "w");
        SharedVariable b = Gradus.shared(0., "b");
        var y = T.sigmoid(T.dot(w, x).add(b));
        Function neuron = Gradus.function(List.of(x), y);
        out.println("w = " + w.getValue() + ", neuron([1, 2]) = " + neuron.call(new double[] {1, 2}));
        w.setValue(new double[] {-1, 1});
        out.println("w = " + w.getValue() + ", neuron([1, 2]) = " + neuron.call(new double[] {1, 2}));
    }

    void training() {
        section("Training with updates");
        var x = T.vector("x");
        SharedVariable w = Gradus.shared(new double[] {-1., 1.}, "w");
        SharedVariable b = Gradus.shared(0., "b");
        var y = T.sigmoid(T.dot(w, x).add(b));
        var yHat = T.scalar("y_hat");
        var cost = T.sum(y.sub(yHat).pow(2));
        List<TensorVariable> g = T.grad(cost, List.of(w, b));
        double lr = 0.01;
        Function gradient = Gradus.function(List.of(x, yHat), g,
                Map.of(w, w.sub(g.get(0).mul(lr)), b, b.sub(g.get(1).mul(lr))));
        for (int i = 0; i < 1000; i++) {
            gradient.callAll(new double[] {1, -1}, 1);
        }
        out.println("after 1000 steps: w = " + w.getValue() + ", b = " + b.getValue());
    }

    void accumulator() {
        section("An accumulator");
        SharedVariable state = Gradus.shared(0, "state");
        var inc = T.iscalar("inc");
        Function acc = Gradus.function(List.of(inc), state, Map.of(state, state.add(inc)));
        out.println("acc(1) = " + acc.call(1) + ", state = " + state.getValue());
        out.println("acc(300) = " + acc.call(300) + ", state = " + state.getValue());
    }
}
