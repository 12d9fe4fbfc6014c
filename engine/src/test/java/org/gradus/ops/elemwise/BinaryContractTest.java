package org.gradus.ops.elemwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gradus.TestValues.assertSameValue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.gradus.TestValues;
import org.gradus.grad.VerifyGrad;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The op contract for every binary elementwise op of {@link T}: values, broadcasting, edge values, dtypes, gradients. */
class BinaryContractTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;
    private static final double[][] EDGES = {{0.0, -0.0}, {-0.0, 0.0}, {1, 0.0}, {1, -0.0}, {0, 0}, {INF, -INF},
        {INF, INF}, {NAN, 1}, {1, NAN}, {1e300, 1e300}, {-7, 2}, {7, -2}, {-1, 3}, {2, 3}, {3, 3}, {-INF, 2}};

    /** The kind of result dtype for float64 operands and for two int32 operands. */
    enum Result { SAME, FLOAT, BOOL }

    /** One binary op with its {@link Math} reference and the interval of its test operands. */
    record Binary(String name, BiFunction<Object, Object, TensorVariable> op, DoubleBinaryOperator reference,
                  double low, double high, Result result, boolean differentiable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Binary> ops() {
        return Stream.of(
                new Binary("add", T::add, (x, y) -> x + y, -3, 3, Result.SAME, true),
                new Binary("sub", T::sub, (x, y) -> x - y, -3, 3, Result.SAME, true),
                new Binary("mul", T::mul, (x, y) -> x * y, -3, 3, Result.SAME, true),
                new Binary("div", T::div, (x, y) -> x / y, 0.5, 3, Result.FLOAT, true),
                new Binary("intDiv", T::intDiv, (x, y) -> Math.floor(x / y), 0.5, 9, Result.SAME, false),
                new Binary("mod", T::mod, (x, y) -> x - Math.floor(x / y) * y, 0.5, 9, Result.SAME, true),
                new Binary("pow", T::pow, Math::pow, 0.5, 2, Result.SAME, true),
                new Binary("maximum", T::maximum, (x, y) -> Double.isNaN(x) || Double.isNaN(y) ? NAN : Math.max(x, y), -3, 3,
                        Result.SAME, true),
                new Binary("minimum", T::minimum, (x, y) -> Double.isNaN(x) || Double.isNaN(y) ? NAN : Math.min(x, y), -3, 3,
                        Result.SAME, true),
                new Binary("eq", T::eq, (x, y) -> x == y ? 1 : 0, -3, 3, Result.BOOL, false),
                new Binary("neq", T::neq, (x, y) -> x != y ? 1 : 0, -3, 3, Result.BOOL, false),
                new Binary("lt", T::lt, (x, y) -> x < y ? 1 : 0, -3, 3, Result.BOOL, false),
                new Binary("le", T::le, (x, y) -> x <= y ? 1 : 0, -3, 3, Result.BOOL, false),
                new Binary("gt", T::gt, (x, y) -> x > y ? 1 : 0, -3, 3, Result.BOOL, false),
                new Binary("ge", T::ge, (x, y) -> x >= y ? 1 : 0, -3, 3, Result.BOOL, false),
                new Binary("and", T::and, (x, y) -> x != 0 && y != 0 ? 1 : 0, -1, 2, Result.BOOL, false),
                new Binary("or", T::or, (x, y) -> x != 0 || y != 0 ? 1 : 0, -1, 2, Result.BOOL, false));
    }

    /** Shapes {x, y} that broadcast to 2x3x5: full, a 3x1 column, a trailing vector, a 2x1x1 block and a scalar. */
    static final int[][][] BROADCASTS = {{{2, 3, 5}, {2, 3, 5}}, {{2, 3, 5}, {3, 1}}, {{2, 3, 5}, {5}},
        {{2, 1, 1}, {3, 5}}, {{2, 3, 5}, {}}};

    @ParameterizedTest
    @MethodSource("ops")
    void valuesBroadcastLikeNumPy(Binary b) {
        for (int[][] shapes : BROADCASTS) {
            // round comparison operands to halves so that equal pairs occur
            NDArray x = rounded(TestValues.uniform(21, b.low(), b.high(), shapes[0]), b.result() == Result.BOOL);
            NDArray y = rounded(TestValues.uniform(22, b.low(), b.high(), shapes[1]), b.result() == Result.BOOL);
            TensorVariable xs = T.tensor(DType.FLOAT64, "x", pattern(shapes[0]));
            TensorVariable ys = T.tensor(DType.FLOAT64, "y", pattern(shapes[1]));
            NDArray out = TestValues.run(List.of(xs, ys), b.op().apply(xs, ys), x, y);
            assertThat(out.shape()).containsExactly(2, 3, 5);
            assertThat(out.dtype()).isEqualTo(b.result() == Result.BOOL ? DType.BOOL : DType.FLOAT64);
            for (int flat = 0; flat < out.size(); flat++) {
                int[] index = TestValues.unravel(flat, 2, 3, 5);
                double xv = TestValues.broadcastGet(x, index);
                double yv = TestValues.broadcastGet(y, index);
                assertSameValue(out.get(flat), b.reference().applyAsDouble(xv, yv), 1e-14,
                        b.name() + "(" + xv + ", " + yv + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void edgeValuesMatchJavaArithmetic(Binary b) {
        double[] xv = new double[EDGES.length];
        double[] yv = new double[EDGES.length];
        for (int i = 0; i < EDGES.length; i++) {
            xv[i] = EDGES[i][0];
            yv[i] = EDGES[i][1];
        }
        TensorVariable x = T.dvector("x");
        TensorVariable y = T.dvector("y");
        NDArray out = TestValues.run(List.of(x, y), b.op().apply(x, y), xv, yv);
        for (int i = 0; i < EDGES.length; i++) {
            assertSameValue(out.get(i), b.reference().applyAsDouble(xv[i], yv[i]), 1e-14,
                    b.name() + "(" + xv[i] + ", " + yv[i] + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void resultDtypes(Binary b) {
        DType onFloat = b.result() == Result.BOOL ? DType.BOOL : DType.FLOAT32;
        DType onInt = b.result() == Result.BOOL ? DType.BOOL : b.result() == Result.FLOAT ? DType.FLOAT64 : DType.INT32;
        TensorVariable f = T.fmatrix("f");
        TensorVariable i = T.ivector("i");
        assertThat(b.op().apply(f, T.fvector("g")).dtype()).as("float32 with float32").isEqualTo(onFloat);
        assertThat(b.op().apply(f, 2).dtype()).as("float32 with a weak int").isEqualTo(onFloat);
        assertThat(b.op().apply(2.5, f).dtype()).as("a weak double with float32").isEqualTo(onFloat);
        assertThat(b.op().apply(i, T.ivector("j")).dtype()).as("int32 with int32").isEqualTo(onInt);
        if (b.result() != Result.BOOL) {
            assertThat(b.op().apply(f, T.dvector("d")).dtype()).as("float32 with float64").isEqualTo(DType.FLOAT64);
            assertThat(b.op().apply(i, f).dtype()).as("int32 with float32").isEqualTo(DType.FLOAT64);
        }
        // the run-time dtype is the static one
        NDArray out = TestValues.run(List.of(f), b.op().apply(f, 2), (Object) new float[][] {{1, 2}, {3, 4}});
        assertThat(out.dtype()).isEqualTo(onFloat);
        NDArray ints = TestValues.run(List.of(i), b.op().apply(i, 3), (Object) new int[] {7, -7, 3});
        assertThat(ints.dtype()).isEqualTo(b.result() == Result.FLOAT ? DType.FLOAT64 : onInt);
        for (int k = 0; k < 3; k++) {
            double v = new double[] {7, -7, 3}[k];
            assertThat(ints.get(k)).as(b.name() + "(" + v + ", 3)").isEqualTo(b.reference().applyAsDouble(v, 3));
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void gradientsAreSummedOverBroadcastAxes(Binary b) {
        if (!b.differentiable()) {
            TensorVariable x = T.dvector("x");
            TensorVariable y = T.dvector("y");
            TensorVariable cost = T.sum(T.cast(b.op().apply(x, y), DType.FLOAT64)).add(T.sum(x.mul(y)));
            List<NDArray> g = org.gradus.Gradus.function(List.of(x, y), T.grad(cost, List.of(x, y)))
                    .callAll(new double[] {1.5, 2.5}, new double[] {0.7, 3.1});
            assertThat(g.get(0).toDoubleArray()).as("only the product contributes").containsExactly(0.7, 3.1);
            assertThat(g.get(1).toDoubleArray()).containsExactly(1.5, 2.5);
            return;
        }
        for (int[][] shapes : BROADCASTS) {
            NDArray x = TestValues.awayFromIntegers(23, b.low(), b.high(), 0.1, shapes[0]);
            NDArray y = TestValues.uniform(24, b.low(), b.high(), shapes[1]);
            if (b.name().equals("maximum") || b.name().equals("minimum")) {
                y = TestValues.uniform(24, b.low() + 0.05, b.high() + 0.05, shapes[1]);
            }
            VerifyGrad.verifyGrad(v -> b.op().apply(v.get(0), v.get(1)), List.of(x, y));
        }
    }

    @org.junit.jupiter.api.Test
    void runtimeBroadcastOfAnUndeclaredAxisIsRejectedNamingTheOperand() {
        TensorVariable x = T.tensor3("x");
        TensorVariable column = T.matrix("column");
        var f = org.gradus.Gradus.function(List.of(x, column), x.add(column));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.callAll(TestValues.uniform(1, 0, 1, 2, 3, 5),
                TestValues.uniform(2, 0, 1, 3, 1)))
                .isInstanceOf(org.gradus.ShapeException.class)
                .hasMessageContaining("operand 1, 'column'")
                .hasMessageContaining("length 1 on axis 1")
                .hasMessageContaining("not broadcastable");
    }

    private static NDArray rounded(NDArray a, boolean round) {
        for (int i = 0; round && i < a.size(); i++) {
            a.set(i, Math.round(a.get(i) * 2) / 2.0);
        }
        return a;
    }

    /** Unknown lengths, except that axes of length 1 are declared broadcastable. */
    private static int[] pattern(int[] shape) {
        return java.util.Arrays.stream(shape).map(d -> d == 1 ? 1 : -1).toArray();
    }
}
