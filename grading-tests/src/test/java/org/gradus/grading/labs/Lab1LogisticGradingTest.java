package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.grading.Graded;
import org.gradus.graph.Graphs;
import org.gradus.grading.judge.LabSession;
import org.gradus.lab.remote.RecordData;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

@DisplayName("Lab 1 — the logistic function")
class Lab1LogisticGradingTest {
    private static final double TIGHT = 1e-12;
    private static final double[] POINTS = {-5, -2.5, -0.3, 0, 0.7, 2, 4.5};

    private final LabSession lab = LabSession.of(1);

    // the lab's steps, called in the runner JVM; what they return is rebuilt here

    private Function squareFunction() {
        return lab.call(Function.class, "LogisticLab", "squareFunction");
    }

    private TensorVariable logistic(TensorVariable x) {
        return lab.call(TensorVariable.class, "LogisticLab", "logistic", x);
    }

    private Function logisticFunction() {
        return lab.call(Function.class, "LogisticLab", "logisticFunction");
    }

    private Function logisticOfMatrix() {
        return lab.call(Function.class, "LogisticLab", "logisticOfMatrix");
    }

    private TensorVariable logisticGradient(TensorVariable x) {
        return lab.call(TensorVariable.class, "LogisticLab", "logisticGradient", x);
    }

    private Function gradientFunction() {
        return lab.call(Function.class, "LogisticLab", "gradientFunction");
    }

    private XYChart logisticAndGradientChart() {
        return lab.call(XYChart.class, "LogisticLab", "logisticAndGradientChart");
    }

    private RecordData internalRepresentation() {
        return lab.call(RecordData.class, "LogisticLab", "internalRepresentation");
    }

    private RecordData stability() {
        return lab.call(RecordData.class, "LogisticLab", "stability");
    }

    @Test
    @DisplayName("Step 1: f(x) = x² gives f(2) = 4, f(-3) = 9 and f(0.5) = 0.25")
    @Graded(lab = 1, step = "1.1", points = 1, hint = "See lessons/lab1.adoc, step 1.")
    void step1_squareFunction() {
        Function f = squareFunction();
        assertThat(f.inputs()).as("f takes one input").hasSize(1);
        assertThat(f.call(2).doubleValue()).as("f(2)").isCloseTo(4.0, within(TIGHT));
        assertThat(f.call(-3).doubleValue()).as("f(-3)").isCloseTo(9.0, within(TIGHT));
        assertThat(f.call(0.5).doubleValue()).as("f(0.5)").isCloseTo(0.25, within(TIGHT));
    }

    @Test
    @DisplayName("Step 2: logistic(x) equals 1 / (1 + e^-x) at seven points from -5 to 4.5")
    @Graded(lab = 1, step = "1.2", points = 1, hint = "See lessons/lab1.adoc, step 2.")
    void step2_logisticValues() {
        TensorVariable x = T.scalar("x");
        Function s = org.gradus.Gradus.function(List.of(x), logistic(x));
        for (double p : POINTS) {
            assertThat(s.call(p).doubleValue()).as("logistic(%s) = 1 / (1 + e^-%s)", p, p)
                    .isCloseTo(Reference.logistic(p), within(TIGHT));
        }
    }

    @Test
    @DisplayName("Step 2: the logistic expression has a correct gradient (finite-difference check with verifyGrad)")
    @Graded(lab = 1, step = "1.2", points = 1, hint = "See lessons/lab1.adoc, step 2.")
    void step2_logisticVerifyGrad() {
        TensorVariable x = T.scalar("x");
        assertThat(org.gradus.Gradus.function(List.of(x), logistic(x)).call(0.3).doubleValue())
                .as("logistic(0.3), checked with the gradient so that a wrong function earns nothing")
                .isCloseTo(Reference.logistic(0.3), within(TIGHT));
        T.verifyGradSingleInput(this::logistic, 0.3);
        T.verifyGradSingleInput(this::logistic, new double[][] {{-1, 0.5, 2}, {3, -0.25, 0}});
    }

    @Test
    @DisplayName("Step 3: S(2) = 0.8807970779778823 and S(0) = 0.5")
    @Graded(lab = 1, step = "1.3", points = 1, hint = "See lessons/lab1.adoc, step 3.")
    void step3_logisticFunction() {
        Function s = logisticFunction();
        assertThat(s.inputs()).as("S takes one input").hasSize(1);
        assertThat(s.inputs().get(0).ndim()).as("S's input is a scalar (rank 0)").isZero();
        assertThat(s.call(2).doubleValue()).as("S(2)").isCloseTo(0.8807970779778823, within(TIGHT));
        assertThat(s.call(0).doubleValue()).as("S(0)").isCloseTo(0.5, within(TIGHT));
    }

    @Test
    @DisplayName("Step 4: logistic of [[0, 1], [-1, -2]] is [[0.5, 0.7311], [0.2689, 0.1192]]")
    @Graded(lab = 1, step = "1.4", points = 1, hint = "See lessons/lab1.adoc, step 4.")
    void step4_logisticOfMatrix() {
        Function f = logisticOfMatrix();
        assertThat(f.inputs().get(0).ndim()).as("the input is a matrix (rank 2)").isEqualTo(2);
        NDArray result = f.call(new double[][] {{0, 1}, {-1, -2}});
        assertThat(result.shape()).as("shape of the result").containsExactly(2, 2);
        assertThat(result.toDoubleArray()).as("logistic([[0, 1], [-1, -2]]), row by row")
                .containsExactly(new double[] {0.5, 0.7310585786300049, 0.2689414213699951, 0.11920292202211755},
                        within(TIGHT));
    }

    @Test
    @DisplayName("Step 4: the matrix function works elementwise on a 2×3 matrix")
    @Graded(lab = 1, step = "1.4", points = 1, hint = "See lessons/lab1.adoc, step 4.")
    void step4_nonSquareMatrix() {
        double[][] m = {{-3, 0.5, 1.5}, {2, -0.1, 6}};
        double[] got = logisticOfMatrix().call(m).toDoubleArray();
        for (int i = 0; i < 6; i++) {
            assertThat(got[i]).as("element %d of logistic(%s)", i, "[[-3, 0.5, 1.5], [2, -0.1, 6]]")
                    .isCloseTo(Reference.logistic(m[i / 3][i % 3]), within(TIGHT));
        }
    }

    @Test
    @DisplayName("Step 5: the gradient at 2 is 0.10499358540350662, and S(x)·(1 - S(x)) everywhere")
    @Graded(lab = 1, step = "1.5", points = 1, hint = "See lessons/lab1.adoc, step 5.")
    void step5_gradientValues() {
        TensorVariable x = T.scalar("x");
        Function gs = org.gradus.Gradus.function(List.of(x), logisticGradient(x));
        assertThat(gs.call(2).doubleValue()).as("dS/dx at 2").isCloseTo(0.10499358540350662, within(TIGHT));
        for (double p : POINTS) {
            assertThat(gs.call(p).doubleValue()).as("dS/dx at %s = S(%s)·(1 - S(%s))", p, p, p)
                    .isCloseTo(Reference.logisticSlope(p), within(1e-12));
        }
    }

    @Test
    @DisplayName("Step 5: the gradient is built by T.grad from logistic(x), not written by hand")
    @Graded(lab = 1, step = "1.5", points = 1, hint = "See lessons/lab1.adoc, step 5.")
    void step5_gradientBuiltWithTGrad() {
        TensorVariable x = T.scalar("x");
        String got = Printing.debugprint(logisticGradient(x));
        TensorVariable reference = T.scalar("x");
        assertThat(got).as("the graph of the gradient should be the one T.grad(logistic(x), x) builds")
                .isEqualTo(Printing.debugprint(T.grad(logistic(reference), reference)));
    }

    @Test
    @DisplayName("Step 6: gS(2) = 0.10499358540350662 and gS(0) = 0.25")
    @Graded(lab = 1, step = "1.6", points = 1, hint = "See lessons/lab1.adoc, step 6.")
    void step6_gradientFunction() {
        Function gs = gradientFunction();
        assertThat(gs.inputs()).as("gS takes one input").hasSize(1);
        assertThat(gs.call(2).doubleValue()).as("gS(2)").isCloseTo(0.10499358540350662, within(TIGHT));
        assertThat(gs.call(0).doubleValue()).as("gS(0)").isCloseTo(0.25, within(TIGHT));
        assertThat(gs.call(-2).doubleValue()).as("gS(-2), the slope is symmetric")
                .isCloseTo(0.10499358540350662, within(TIGHT));
    }

    @Test
    @DisplayName("Step 7: the chart has curves S(x) and gS(x) with 121 points over [-6, 6]")
    @Graded(lab = 1, step = "1.7", points = 1, hint = "See lessons/lab1.adoc, step 7.")
    void step7_chart() {
        XYChart chart = logisticAndGradientChart();
        assertThat(chart.getSeriesMap()).as("the series of the chart").containsOnlyKeys("S(x)", "gS(x)");
        XYSeries s = chart.getSeriesMap().get("S(x)");
        XYSeries g = chart.getSeriesMap().get("gS(x)");
        double[] xs = s.getXData();
        assertThat(xs).as("x values").hasSize(121);
        assertThat(xs[0]).as("first x").isCloseTo(-6, within(TIGHT));
        assertThat(xs[120]).as("last x").isCloseTo(6, within(TIGHT));
        for (int i = 0; i < xs.length; i++) {
            assertThat(s.getYData()[i]).as("S(%s) on the chart", xs[i]).isCloseTo(Reference.logistic(xs[i]), within(1e-9));
            assertThat(g.getYData()[i]).as("gS(%s) on the chart", xs[i])
                    .isCloseTo(Reference.logisticSlope(xs[i]), within(1e-9));
        }
    }

    @Test
    @DisplayName("Step 8: S is compiled from y, gS from g = T.grad(y, x), all from one input x")
    @Graded(lab = 1, step = "1.8", points = 1, hint = "See lessons/lab1.adoc, step 8.")
    void step8_internalRepresentation() {
        RecordData r = internalRepresentation();
        TensorVariable y = r.get("y", TensorVariable.class);
        TensorVariable g = r.get("g", TensorVariable.class);
        Function s = r.get("s", Function.class);
        Function gs = r.get("gs", Function.class);
        assertThat(s.userOutputs()).as("S's output is y").containsExactly(y);
        assertThat(gs.userOutputs()).as("gS's output is g").containsExactly(g);
        TensorVariable x = s.inputs().get(0);
        assertThat(gs.inputs()).as("S and gS take the same input x").containsExactly(x);
        assertThat(Printing.debugprint(g)).as("g should be T.grad(y, x)")
                .isEqualTo(Printing.debugprint(T.grad(y, x)));
        assertThat(s.call(2).doubleValue()).as("S(2)").isCloseTo(0.8807970779778823, within(TIGHT));
        assertThat(gs.call(2).doubleValue()).as("gS(2)").isCloseTo(0.10499358540350662, within(TIGHT));
        assertThat(s.nodes().size()).as("nodes of compiled S, at most as many as in y")
                .isLessThanOrEqualTo(Graphs.toposort(List.of(y)).size());
        assertThat(gs.nodes().size()).as("nodes of compiled gS, at most as many as in g")
                .isLessThanOrEqualTo(Graphs.toposort(List.of(g)).size());
    }

    @Test
    @DisplayName("Step 9: one function runs as written (Mode.NONE), the other optimized, and both agree at x = 2")
    @Graded(lab = 1, step = "1.9", points = 1, hint = "See lessons/lab1.adoc, step 9.")
    void step9_modesAndOrdinaryValues() {
        RecordData st = stability();
        Function unoptimized = st.get("unoptimized", Function.class);
        Function optimized = st.get("optimized", Function.class);
        assertThat(unoptimized.mode()).as("mode of the unoptimized function").isEqualTo(Mode.NONE);
        assertThat(optimized.mode()).as("mode of the optimized function").isNotEqualTo(Mode.NONE);
        for (Function f : List.of(unoptimized, optimized)) {
            List<NDArray> out = f.callAll(2.0);
            assertThat(out).as("outputs [logistic(x), log(logistic(x))]").hasSize(2);
            assertThat(out.get(0).doubleValue()).as("S(2) in mode %s", f.mode()).isCloseTo(0.8807970779778823, within(TIGHT));
            assertThat(out.get(1).doubleValue()).as("log S(2) in mode %s", f.mode())
                    .isCloseTo(Math.log(0.8807970779778823), within(TIGHT));
        }
    }

    @Test
    @DisplayName("Step 9: at x = -800 the logistic underflows to 0; its log is -∞ as written and -800 optimized")
    @Graded(lab = 1, step = "1.9", points = 1, hint = "See lessons/lab1.adoc, step 9.")
    void step9_stabilityAtMinus800() {
        RecordData st = stability();
        List<NDArray> plain = st.get("unoptimized", Function.class).callAll(-800.0);
        List<NDArray> optimized = st.get("optimized", Function.class).callAll(-800.0);
        assertThat(plain.get(0).doubleValue()).as("S(-800) as written").isCloseTo(0.0, within(1e-300));
        assertThat(optimized.get(0).doubleValue()).as("S(-800) optimized").isCloseTo(0.0, within(1e-300));
        assertThat(plain.get(1).doubleValue()).as("log S(-800) as written: log of an underflowed 0")
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(optimized.get(1).doubleValue()).as("log S(-800) optimized: the optimizer rewrites log(S(x)) as"
                + " -softplus(-x), which is finite").isCloseTo(-800.0, within(1e-9));
    }
}
