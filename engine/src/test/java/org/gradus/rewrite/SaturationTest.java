package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forms Theano's stabilizing rewrites guard, as users type them, at saturated inputs: the value
 * and the gradient of the optimized function are finite and match the exact ones, in float64 and
 * float32, and match {@link Mode#NONE} wherever the graph as written is finite.
 */
class SaturationTest {
    private static final double LN2 = Math.log(2);
    private static final double[] LOGITS = {-800, -40, -1, 0, 1, 40, 800};
    private static final double[] NEGATIVE = {-800, -500, -1, -LN2, -1e-10, -1e-20};

    record Form(String name, String rule, UnaryOperator<TensorVariable> build, double[] xs,
                DoubleUnaryOperator value, DoubleUnaryOperator grad) {
        @Override
        public String toString() {
            return name;
        }
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double log1mexp(double x) {
        return x < -LN2 ? Math.log1p(-Math.exp(x)) : Math.log(-Math.expm1(x));
    }

    static Stream<Arguments> forms() {
        List<Form> f = new ArrayList<>();
        f.add(new Form("exp(x) / (1 + exp(x))", "ExpOverOnePlusExpToSigmoid",
                x -> T.div(T.exp(x), T.add(1, T.exp(x))), LOGITS, SaturationTest::sigmoid, x -> sigmoid(x) * sigmoid(-x)));
        f.add(new Form("sigmoid(-x) * exp(x)", "SigmoidTimesExpToSigmoid",
                x -> T.mul(T.sigmoid(T.neg(x)), T.exp(x)), LOGITS, SaturationTest::sigmoid, x -> sigmoid(x) * sigmoid(-x)));
        for (Object one : List.of(1, 1.0, 1f)) {
            f.add(new Form(one + " - sigmoid(x)", "OneMinusSigmoidToSigmoidOfNeg",
                    x -> T.sub(one, T.sigmoid(x)), LOGITS, x -> sigmoid(-x), x -> -sigmoid(x) * sigmoid(-x)));
            f.add(new Form("log(" + one + " - sigmoid(x))", "LogOneMinusSigmoidToSoftplus",
                    x -> T.log(T.sub(one, T.sigmoid(x))), LOGITS, x -> -softplus(x), x -> -sigmoid(x)));
            f.add(new Form("log(" + one + " / (" + one + " + exp(-x)))", "ExpOverOnePlusExpToSigmoid",
                    x -> T.log(T.div(one, T.add(one, T.exp(T.neg(x))))), LOGITS, x -> -softplus(-x), x -> sigmoid(-x)));
            f.add(new Form("log(" + one + " + exp(x))", "ExpOverOnePlusExpToSigmoid",
                    x -> T.log(T.add(one, T.exp(x))), LOGITS, SaturationTest::softplus, SaturationTest::sigmoid));
            f.add(new Form("log(" + one + " - exp(x))", "LogOfNegExpm1ToLog1mexp",
                    x -> T.log(T.sub(one, T.exp(x))), NEGATIVE, SaturationTest::log1mexp, x -> -1 / Math.expm1(-x)));
        }
        f.add(new Form("log1p(exp(x))", "ExpOverOnePlusExpToSigmoid",
                x -> T.log1p(T.exp(x)), LOGITS, SaturationTest::softplus, SaturationTest::sigmoid));
        f.add(new Form("log1p(-sigmoid(x))", "Log1pOfNegSigmoidToSoftplus",
                x -> T.log1p(T.neg(T.sigmoid(x))), LOGITS, x -> -softplus(x), x -> -sigmoid(x)));
        f.add(new Form("log(exp(x))", "LogOfExpToIdentity",
                x -> T.log(T.exp(x)), new double[] {-1000, -1, 0, 1, 1000}, x -> x, x -> 1));
        f.add(new Form("log1p(-exp(x))", "Log1pOfNegExpToLog1mexp",
                x -> T.log1p(T.neg(T.exp(x))), NEGATIVE, SaturationTest::log1mexp, x -> -1 / Math.expm1(-x)));
        f.add(new Form("log(-expm1(x))", "LogOfNegExpm1ToLog1mexp",
                x -> T.log(T.neg(T.expm1(x))), NEGATIVE, SaturationTest::log1mexp, x -> -1 / Math.expm1(-x)));
        List<Arguments> out = new ArrayList<>();
        for (Form form : f) {
            for (DType d : List.of(DType.FLOAT64, DType.FLOAT32)) {
                out.add(Arguments.of(form, d));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void valueAndGradientAreFiniteAndExact(Form form, DType d) {
        TensorVariable x = T.tensor(d, "x", -1);
        TensorVariable y = form.build.apply(x);
        List<TensorVariable> outs = List.of(y, T.grad(T.sum(y), x));
        NDArray in = NDArray.fromJava(form.xs, d);
        Function fast = Gradus.functionBuilder(List.of(x)).outputs(outs).build();
        Function none = Gradus.functionBuilder(List.of(x)).outputs(outs).mode(Mode.NONE).build();
        List<NDArray> a = fast.callAll(in);
        List<NDArray> b = none.callAll(in);
        assertThat(fast.rewriteLog().count(form.rule)).as(fast.rewriteLog().summary()).isPositive();
        assertThat(fast.rewriteLog().loops()).isEmpty();
        double[] xs = in.toDoubleArray();
        for (int o = 0; o < 2; o++) {
            DoubleUnaryOperator exact = o == 0 ? form.value : form.grad;
            double[] got = a.get(o).toDoubleArray();
            double[] plain = b.get(o).toDoubleArray();
            assertThat(a.get(o).dtype()).isEqualTo(d);
            // a gradient is a sum of terms of size about 1: it is exact to their rounding, not relatively
            double abs = o == 0 ? 0 : d == DType.FLOAT32 ? 5e-7 : 1e-15;
            for (int i = 0; i < xs.length; i++) {
                String what = (o == 0 ? "value" : "gradient") + " at " + xs[i];
                double want = exact.applyAsDouble(xs[i]);
                assertThat(got[i]).as(what).isFinite();
                assertThat(close(got[i], want, abs, d)).as(what + ": " + got[i] + " vs exact " + want).isTrue();
                if (Double.isFinite(plain[i])) {
                    // where the graph as written is finite, the optimized one agrees with it or is closer to exact
                    assertThat(close(got[i], plain[i], abs, d) || Math.abs(got[i] - want) < Math.abs(plain[i] - want))
                            .as(what + ": " + got[i] + " vs Mode.NONE " + plain[i]).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "log(sum(exp(x))) {0}")
    @MethodSource("dtypes")
    void logSumExpIsShiftedByTheMaximum(DType d) {
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable y = T.log(T.sum(T.exp(x), 1));
        List<TensorVariable> outs = List.of(y, T.grad(T.sum(y), x));
        double[][] rows = {{800, 801, 700}, {-800, -801, -1000}, {0, 1, 2}};
        Function fast = Gradus.functionBuilder(List.of(x)).outputs(outs).build();
        List<NDArray> r = fast.callAll(NDArray.fromJava(rows, d));
        assertThat(fast.rewriteLog().count("LogOfSumOfExpToMaxShifted")).isPositive();
        assertThat(fast.rewriteLog().count("ExpOverSumOfExpToMaxShifted")).isPositive();
        assertThat(fast.rewriteLog().loops()).isEmpty();
        double[][] g = r.get(1).toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            double m = Math.max(rows[i][0], Math.max(rows[i][1], rows[i][2]));
            double s = 0;
            for (double v : rows[i]) {
                s += Math.exp(v - m);
            }
            assertThat(close(r.get(0).toDoubleArray()[i], m + Math.log(s), d)).as("row %d: %s", i, r.get(0)).isTrue();
            for (int j = 0; j < 3; j++) {
                assertThat(close(g[i][j], Math.exp(rows[i][j] - m) / s, d)).as("gradient %d,%d: %s", i, j, r.get(1)).isTrue();
            }
        }
    }

    static Stream<DType> dtypes() {
        return Stream.of(DType.FLOAT64, DType.FLOAT32);
    }

    private static boolean close(double got, double want, DType d) {
        return close(got, want, 0, d);
    }

    private static boolean close(double got, double want, double abs, DType d) {
        double rel = d == DType.FLOAT32 ? 2e-6 : 1e-14;
        double tiny = d == DType.FLOAT32 ? 1e-37 : 1e-300;
        return got == want || Math.abs(got - want) <= Math.max(abs, tiny) + rel * Math.abs(want);
    }
}
