package org.gradus.ops.elemwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gradus.TestValues.assertSameValue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gradus.TestValues;
import org.gradus.grad.VerifyGrad;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The op contract for every unary elementwise op of {@link T}: values, edge values, dtypes and gradients. */
class UnaryContractTest {
    private static final double[] EDGES = {0.0, -0.0, 1e300, -1e300, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, 1.0, -1.0, 0.5, -2.5, 40, -40};

    /**
     * One unary op: the facade function, a reference built from {@link Math}, the interval of ordinary
     * test values, whether integer inputs keep their dtype, and whether it is differentiable there.
     */
    record Unary(String name, Function<Object, TensorVariable> op, DoubleUnaryOperator reference, double low,
                 double high, boolean keepsIntegers, boolean differentiable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unary> ops() {
        return Stream.of(
                new Unary("neg", T::neg, x -> -x, -3, 3, true, true),
                new Unary("abs", T::abs, Math::abs, -3, 3, true, true),
                new Unary("sgn", T::sgn, Math::signum, -3, 3, true, false),
                new Unary("exp", T::exp, Math::exp, -3, 3, false, true),
                new Unary("log", T::log, Math::log, 0.2, 5, false, true),
                new Unary("log1p", T::log1p, Math::log1p, -0.8, 5, false, true),
                new Unary("expm1", T::expm1, Math::expm1, -3, 3, false, true),
                new Unary("sqrt", T::sqrt, Math::sqrt, 0.2, 5, false, true),
                new Unary("sqr", T::sqr, x -> x * x, -3, 3, true, true),
                new Unary("tanh", T::tanh, Math::tanh, -3, 3, false, true),
                new Unary("sigmoid", T::sigmoid, x -> 1 / (1 + Math.exp(-x)), -6, 6, false, true),
                new Unary("softplus", T::softplus,
                        x -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)), -6, 6, false, true),
                new Unary("relu", T::relu, x -> Double.isNaN(x) ? x : Math.max(x, 0.0), -3, 3, true, true));
    }

    @ParameterizedTest
    @MethodSource("ops")
    void valuesMatchJavaMathOnA3x4x5Tensor(Unary u) {
        NDArray x = TestValues.uniform(11, u.low(), u.high(), 3, 4, 5);
        TensorVariable in = T.tensor3("x");
        NDArray out = TestValues.run(List.of(in), u.op().apply(in), x);
        assertThat(out.shape()).containsExactly(3, 4, 5);
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
        for (int i = 0; i < x.size(); i++) {
            assertSameValue(out.get(i), u.reference().applyAsDouble(x.get(i)), 1e-14, u.name() + "(" + x.get(i) + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void edgeValuesMatchJavaMathIncludingSignedZeros(Unary u) {
        TensorVariable in = T.dvector("x");
        NDArray out = TestValues.run(List.of(in), u.op().apply(in), NDArray.of(EDGES));
        for (int i = 0; i < EDGES.length; i++) {
            assertSameValue(out.get(i), u.reference().applyAsDouble(EDGES[i]), 1e-14, u.name() + "(" + EDGES[i] + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void float32StaysFloat32AndIsRoundedOnce(Unary u) {
        float[][] x = new float[2][3];
        NDArray src = TestValues.uniform(12, u.low(), u.high(), 2, 3);
        for (int i = 0; i < 6; i++) {
            x[i / 3][i % 3] = (float) src.get(i);
        }
        TensorVariable in = T.fmatrix("x");
        TensorVariable y = u.op().apply(in);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        NDArray out = TestValues.run(List.of(in), y, (Object) x);
        assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
        for (int i = 0; i < 6; i++) {
            double expected = (float) u.reference().applyAsDouble(x[i / 3][i % 3]);
            assertSameValue(out.get(i), expected, 1e-7, u.name());
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void integerInputsGiveFloatXOrKeepTheirDtype(Unary u) {
        TensorVariable in = T.ivector("i");
        TensorVariable y = u.op().apply(in);
        DType expected = u.keepsIntegers() ? DType.INT32 : DType.FLOAT64;
        assertThat(y.dtype()).isEqualTo(expected);
        int[] values = {1, 2, 3, 4};
        NDArray out = TestValues.run(List.of(in), y, (Object) values);
        assertThat(out.dtype()).isEqualTo(expected);
        for (int i = 0; i < values.length; i++) {
            assertSameValue(out.get(i), expected.coerce(u.reference().applyAsDouble(values[i])), 1e-14, u.name());
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void symbolicGradientMatchesFiniteDifferences(Unary u) {
        // abs, relu: keep points away from the kink at 0
        NDArray x = TestValues.uniform(13, u.low(), u.high(), 2, 3, 4);
        for (int i = 0; i < x.size(); i++) {
            if (Math.abs(x.get(i)) < 0.1) {
                x.set(i, 0.3);
            }
        }
        if (u.differentiable()) {
            VerifyGrad.verifyGradSingleInput(v -> u.op().apply(v), x);
        } else {
            TensorVariable in = T.dvector("x");
            NDArray g = TestValues.run(List.of(in), T.grad(T.sum(u.op().apply(in)), in), NDArray.of(new double[] {-2, 3}));
            assertThat(g.toDoubleArray()).containsExactly(0, 0);
        }
    }
}
