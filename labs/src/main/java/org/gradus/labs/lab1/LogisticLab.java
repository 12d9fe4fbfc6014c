package org.gradus.labs.lab1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.graph.Graphs;
import org.gradus.lab.NotDoneYet;
import org.gradus.lab.Plots;
import org.gradus.lab.StepRunner;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.knowm.xchart.XYChart;

/**
 * Lab 1 — the logistic function S(x) = 1 / (1 + e^-x): symbolic expressions, compiled functions,
 * symbolic gradients, and what the graphs look like before and after compilation.
 * The lesson is {@code lessons/lab1.adoc}; run {@link #main} to see every step's result.
 */
public class LogisticLab {
    /** The four graphs of the talk's "internal representations" slide. */
    public record InternalRepresentation(TensorVariable y, Function s, TensorVariable g, Function gs) {
    }

    /** The logistic and its log at one point, compiled twice: as written and optimized. */
    public record Stability(Function unoptimized, Function optimized) {
    }

    /**
     * Step 1: compile {@code f(x) = x²} for a scalar {@code x} named "x".
     * Expected: {@code f(2) = 4.0}.
     */
    // tag::step1[]
    public Function squareFunction() {
        throw new NotDoneYet(1, 1, "compile f(x) = x squared for a scalar x");
    }
    // end::step1[]

    /**
     * Step 2: build the logistic function of {@code x} as an expression, 1 / (1 + exp(-x)), from
     * {@code T.exp}, {@code neg}, {@code add} and {@code div} (any shape of {@code x} works).
     * Expected: evaluated at x = 2 it gives 0.8807970779778823.
     */
    // tag::step2[]
    public TensorVariable logistic(TensorVariable x) {
        throw new NotDoneYet(1, 2, "build the logistic function 1 / (1 + exp(-x)) as an expression");
    }
    // end::step2[]

    /**
     * Step 3: compile S, the logistic function of a scalar named "x" (use step 2).
     * Expected: {@code S(2) = 0.8807970779778823}.
     */
    // tag::step3[]
    public Function logisticFunction() {
        throw new NotDoneYet(1, 3, "compile S, the logistic function of a scalar x");
    }
    // end::step3[]

    /**
     * Step 4: compile the logistic function of a matrix named "m": it applies elementwise.
     * Expected: for [[0, 1], [-1, -2]] it gives [[0.5, 0.7311], [0.2689, 0.1192]].
     */
    // tag::step4[]
    public Function logisticOfMatrix() {
        throw new NotDoneYet(1, 4, "compile the logistic function of a matrix m");
    }
    // end::step4[]

    /**
     * Step 5: the derivative of the logistic function with respect to {@code x}, built with
     * {@code T.grad} from step 2 — not written by hand.
     * Expected: at x = 2 it evaluates to 0.10499358540350662.
     */
    // tag::step5[]
    public TensorVariable logisticGradient(TensorVariable x) {
        throw new NotDoneYet(1, 5, "build the gradient of the logistic function with T.grad");
    }
    // end::step5[]

    /**
     * Step 6: compile gS, the gradient of step 5 as a function of a scalar named "x".
     * Expected: {@code gS(2) = 0.10499358540350662}.
     */
    // tag::step6[]
    public Function gradientFunction() {
        throw new NotDoneYet(1, 6, "compile gS, the gradient of S as a function of x");
    }
    // end::step6[]

    /**
     * Step 7: plot S and gS over [-6, 6] (121 points) on one chart with {@code Plots.lines}, in two
     * series named "S(x)" and "gS(x)".
     * Expected: an S-shaped curve from 0 to 1 and a bump of height 0.25 at x = 0.
     */
    // tag::step7[]
    public XYChart logisticAndGradientChart() {
        throw new NotDoneYet(1, 7, "plot S and gS over [-6, 6] on one chart with Plots.lines");
    }
    // end::step7[]

    /**
     * Step 8: the talk's "internal representations" slide: for one scalar x, the expression y =
     * logistic(x), S compiled from y, g = T.grad(y, x), and gS compiled from g.
     * Expected: S(2) and gS(2) as in steps 3 and 6; the compiled graphs have no more nodes than y and g.
     */
    // tag::step8[]
    public InternalRepresentation internalRepresentation() {
        throw new NotDoneYet(1, 8, "build y, S, g and gS of the internal-representations slide");
    }
    // end::step8[]

    /**
     * Step 9: compile the pair [logistic(x), log(logistic(x))] twice: with
     * {@code Gradus.functionBuilder(...).mode(Mode.NONE)} (the graph exactly as written) and with the
     * default optimizing mode.
     * Expected at x = -800: the logistic underflows to 0 both ways; its log is -Infinity as written,
     * and -800 where the optimizer rewrites log(logistic(x)) into -softplus(-x).
     */
    // tag::step9[]
    public Stability stability() {
        throw new NotDoneYet(1, 9, "compile logistic(x) and its log with Mode.NONE and optimized");
    }
    // end::step9[]

    /** Runs every step in order and writes the figures to {@code target/figures/lab1}. */
    public static void main(String... args) {
        LogisticLab lab = new LogisticLab();
        StepRunner run = new StepRunner(1, "The logistic function");
        run.step(1, "x squared, compiled", () -> {
            Function f = lab.squareFunction();
            return "f(2) = " + f.call(2) + "\n" + run.graph("square", f);
        });
        run.step(2, "the logistic function as an expression", () -> {
            TensorVariable y = lab.logistic(T.scalar("x"));
            return "y = " + Printing.pp(y) + "\n" + run.graph("y", y);
        });
        run.step(3, "the logistic function, compiled", () -> {
            Function s = lab.logisticFunction();
            return "S(2) = " + s.call(2) + "\n" + run.graph("S", s);
        });
        run.step(4, "the logistic function of a matrix", () -> {
            Function f = lab.logisticOfMatrix();
            return "logistic([[0, 1], [-1, -2]]) =\n" + f.call(new double[][] {{0, 1}, {-1, -2}}) + "\n"
                    + run.graph("logistic-matrix", f);
        });
        run.step(5, "its gradient with T.grad", () -> {
            TensorVariable g = lab.logisticGradient(T.scalar("x"));
            return "g = " + Printing.pp(g) + "\n" + run.graph("g", g);
        });
        run.step(6, "the gradient, compiled", () -> {
            Function gs = lab.gradientFunction();
            return "gS(2) = " + gs.call(2) + "\n" + run.graph("gS", gs);
        });
        run.step(7, "S and gS on one chart", () -> run.figure("logistic-and-gradient", lab.logisticAndGradientChart()));
        run.step(8, "internal representations", () -> {
            InternalRepresentation r = lab.internalRepresentation();
            return "nodes: y " + nodeCount(r.y()) + ", compiled S " + r.s().nodes().size() + ", g " + nodeCount(r.g())
                    + ", compiled gS " + r.gs().nodes().size() + "\ncompiled S:\n" + Printing.debugprint(r.s())
                    + "compiled gS:\n" + Printing.debugprint(r.gs());
        });
        run.step(9, "stability at x = -800", () -> {
            Stability st = lab.stability();
            List<NDArray> plain = st.unoptimized().callAll(-800.0);
            List<NDArray> optimized = st.optimized().callAll(-800.0);
            return "as written (Mode.NONE): S(-800) = " + plain.get(0) + ", log S(-800) = " + plain.get(1) + "\n"
                    + "optimized (default):    S(-800) = " + optimized.get(0) + ", log S(-800) = " + optimized.get(1)
                    + "\n" + run.graph("stability-none", st.unoptimized())
                    + "\n" + run.graph("stability-optimized", st.optimized());
        });
        run.printSummary();
    }

    private static int nodeCount(TensorVariable v) {
        return Graphs.toposort(List.of(v)).size();
    }
}
