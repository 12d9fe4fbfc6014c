package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Pow;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Constant exponents become copies, squares, square roots and reciprocals (Theano's
 * {@code local_pow_specialize}), whatever the literal's Java type and broadcast shape, in the forward
 * graph and in the gradient graphs that {@code grad} builds.
 */
class PowSpecializationTest {

    private static final double[] EXPONENTS = {0, 1, 2, 3, 0.5, -0.5, 1.5, -1, -2, -3};

    /** The same exponent typed five ways: int, double, float literal, weak and strong constant. */
    private static List<Object> literals(double e, DType d) {
        List<Object> l = new ArrayList<>();
        if (e == Math.rint(e)) {
            l.add((int) e);
            l.add(T.constant((int) e));
        }
        l.add(e);
        l.add((float) e);
        l.add(T.constant(e, d));
        return l;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : List.of(DType.FLOAT64, DType.FLOAT32)) {
            for (double e : EXPONENTS) {
                for (Object literal : literals(e, d)) {
                    out.add(Arguments.of(e, literal, d));
                }
            }
        }
        return out.stream();
    }

    private static boolean computesPow(Function f) {
        for (Apply n : f.nodes()) {
            if (n.op() instanceof Elemwise e && e.scalarOp() instanceof Pow) {
                return true;
            }
            if (n.op() instanceof Composite && n.op().toString().contains("**")) {
                return true;
            }
        }
        return Printing.debugprint(f).contains("**");
    }

    /** Positive values, so that every power is defined and finite. */
    private static NDArray positive(DType d, long seed, int... shape) {
        Random rnd = new Random(seed);
        int n = 1;
        for (int k : shape) {
            n *= k;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.25 + rnd.nextDouble() * 2;
        }
        return NDArray.fromFlat(DType.FLOAT64, shape, v).astype(d);
    }

    @ParameterizedTest(name = "x ** {1} ({1}: {2})")
    @MethodSource("cases")
    void constantExponentLeavesNoPowInValueOrGradient(double e, Object literal, DType d) {
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable y = T.pow(x, literal);
        TensorVariable g = T.grad(T.sum(y), x);
        Function f = Harness.assertSameAsNone(List.of(x), List.of(y, g), d, positive(d, 7, 3, 5));
        assertThat(computesPow(f)).as(Printing.debugprint(f)).isFalse();
        assertThat(f.callAll(positive(d, 7, 3, 5)).get(0).dtype()).isEqualTo(d);
    }

    @ParameterizedTest(name = "x ** {1} broadcast to (1, 1) ({2})")
    @MethodSource("cases")
    void exponentBroadcastByDimShuffleStillSpecializes(double e, Object literal, DType d) {
        TensorVariable x = T.tensor(d, "x", -1);
        TensorVariable c = T.dimshuffle(T.asTensor(literal), -1, -1);
        TensorVariable y = T.pow(x, c);
        assertThat(y.type().dim(0)).isEqualTo(1);
        TensorVariable g = T.grad(T.sum(y), x);
        Function f = Harness.assertSameAsNone(List.of(x), List.of(y, g), d, positive(d, 11, 5));
        assertThat(computesPow(f)).as(Printing.debugprint(f)).isFalse();
    }

    @Test
    void gradientOfSquareIsTwiceTheWeightNotAPowerOfOne() {
        TensorVariable w = T.dmatrix("W");
        TensorVariable g = T.grad(T.sum(T.pow(w, 2)), w);
        Function f = Gradus.functionBuilder(List.of(w)).outputs(g).build();
        assertThat(computesPow(f)).isFalse();
        assertThat(f.call(NDArray.of(new double[][] {{1, -2, 3}, {0.5, 0, -4}})).toDoubleMatrix())
                .isDeepEqualTo(new double[][] {{2, -4, 6}, {1, 0, -8}});
    }

    @Test
    void talksMlpL2StepHasNoPowAndTrainsAsUnoptimized() {
        for (DType d : List.of(DType.FLOAT64, DType.FLOAT32)) {
            Function fast = l2Step(d, org.gradus.compile.Mode.FAST_RUN);
            Function none = l2Step(d, org.gradus.compile.Mode.NONE);
            assertThat(computesPow(fast)).as(Printing.debugprint(fast)).isFalse();
            NDArray x = positive(d, 5, 4, 3);
            for (int step = 0; step < 3; step++) {
                double a = fast.call(x).doubleValue();
                double b = none.call(x).doubleValue();
                assertThat(a).isCloseTo(b, org.assertj.core.data.Offset.offset(Harness.tolerance(d) * Math.abs(b) * 10));
            }
        }
    }

    /** The talk's L2 as written, {@code (w1 ** 2).sum()}, in an SGD step on a shared weight. */
    private static Function l2Step(DType d, org.gradus.compile.Mode mode) {
        SharedVariable w = Gradus.shared(positive(d, 3, 3, 5), "w1");
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable cost = T.add(T.sum(T.sqr(T.tanh(T.dot(x, w)))), T.mul(0.01, T.sum(w.pow(2))));
        TensorVariable g = T.grad(cost, w);
        return Gradus.functionBuilder(List.of(x)).outputs(cost).updates(Map.of(w, w.sub(g.mul(0.1)))).mode(mode).build();
    }

    @Test
    void zeroPowerIsOnesOfTheOperandsShapeAndDType() {
        TensorVariable x = T.fmatrix("x");
        Function f = Gradus.functionBuilder(List.of(x)).outputs(T.pow(x, 0)).build();
        NDArray r = f.call(NDArray.of(new float[][] {{0, -2, Float.NaN}, {3, 4, 5}}));
        assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(r.toDoubleMatrix()).isDeepEqualTo(new double[][] {{1, 1, 1}, {1, 1, 1}});
        assertThat(computesPow(f)).isFalse();
    }

    @Test
    void negativePowersGiveReciprocalsWithFiniteDifferenceGradients() {
        for (double e : new double[] {-0.5, -1, -2, -3}) {
            T.verifyGradSingleInput(v -> T.pow(v, e), positive(DType.FLOAT64, 13, 2, 3));
        }
    }
}
