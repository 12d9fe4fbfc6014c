package org.gradus.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.gradus.ops.scalar.UnaryScalarOp;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class VerifyGradTest {

    /** {@code x^3} whose gradient is deliberately wrong: {@code 2 x^2} instead of {@code 3 x^2}. */
    record WrongCube() implements UnaryScalarOp {
        @Override
        public String name() {
            return "wrong_cube";
        }

        @Override
        public double apply(double x) {
            return x * x * x;
        }

        @Override
        public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
            return List.of(T.mul(gz, T.mul(2, T.sqr(inputs.get(0)))));
        }

        @Override
        public String javaExpression(List<String> a) {
            return "(" + a.get(0) + " * " + a.get(0) + " * " + a.get(0) + ")";
        }

        @Override
        public String cudaExpression(List<String> a) {
            return javaExpression(a);
        }
    }

    private static final double[][] MATRIX = {{0.3, -0.7, 1.1}, {0.5, 0.2, -1.3}};

    @Test
    void correctGradientsPassForScalarAndNonScalarExpressions() {
        VerifyGrad.verifyGradSingleInput(x -> T.mul(x, T.tanh(x)), MATRIX);
        VerifyGrad.verifyGradSingleInput(x -> T.sum(T.exp(x)), MATRIX);
        VerifyGrad.verifyGradSingleInput(x -> x.mul(x).mul(x), 1.7);
        VerifyGrad.verifyGrad(v -> T.dot(v.get(0), v.get(1)),
                List.of(MATRIX, new double[] {0.4, -0.1, 0.9}));
        T.verifyGrad(v -> T.sum(v.get(0).mul(v.get(1))), List.of(2.5, MATRIX),
                VerifyGrad.Options.DEFAULT);
    }

    @Test
    void wrongGradientIsReportedWithInputElementValuesAndTolerance() {
        GradientCheckException e = catchThrowableOfType(() -> VerifyGrad.verifyGrad(
                v -> T.add(T.elemwise(new WrongCube(), v.get(1)), v.get(0)),
                List.of(new double[] {1, 2, 3}, MATRIX)), GradientCheckException.class);
        assertThat(e).isNotNull().isInstanceOf(org.gradus.GradientException.class);
        assertThat(e.inputIndex()).isEqualTo(1);
        assertThat(e.element()).containsExactly(0, 0);
        assertThat(e.numeric() / e.analytic()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(e.getMessage()).contains("input 1", "element [0, 0]", "analytic", "numeric", "absTol = 1.00000e-06",
                "relTol = 0.000100000", "6 of 6 elements", "matrix float64");
    }

    @Test
    void messageNamesTheInputWhenTheBuilderNamesIt() {
        assertThatThrownBy(() -> VerifyGrad.verifyGradSingleInput(x -> T.elemwise(new WrongCube(), x.setName("weights")),
                new double[] {0.5, -2, 3}))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("input 0 'weights' (vector float64)")
                .hasMessageContaining("element [0]");
    }

    @Test
    void float32InputsUseLooserDefaultsAndPass() {
        VerifyGrad.verifyGradSingleInput(x -> T.sigmoid(x).mul(x), new float[][] {{0.3f, -0.7f, 1.1f}, {0.5f, 0.2f, -1.3f}});
        assertThatThrownBy(() -> VerifyGrad.verifyGradSingleInput(x -> T.elemwise(new WrongCube(), x), new float[] {1.5f, 2f}))
                .isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("vector float32")
                .hasMessageContaining("absTol = 0.0100000");
    }

    @Test
    void integerInputsAreSkippedAndOptionsApply() {
        VerifyGrad.verifyGrad(v -> T.mul(v.get(0), T.cast(v.get(1), DType.FLOAT64)),
                List.of(MATRIX, new int[] {2, -1, 3}));
        // a huge tolerance lets the wrong gradient through; different seeds still pass correct gradients
        VerifyGrad.verifyGradSingleInput(x -> T.elemwise(new WrongCube(), x), new double[] {1, 2},
                VerifyGrad.Options.DEFAULT.withTolerances(100, 1));
        VerifyGrad.verifyGradSingleInput(x -> T.sqr(x), NDArray.of(MATRIX), VerifyGrad.Options.DEFAULT.withSeed(7).withEps(1e-5));
        T.verifyGradSingleInput(x -> T.log(x), new double[] {0.5, 2, 3});
    }

    @Test
    void misuseIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> VerifyGrad.verifyGradSingleInput(x -> T.cast(x, DType.FLOAT64), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no input has a float dtype");
        assertThatThrownBy(() -> VerifyGrad.verifyGradSingleInput(x -> T.gt(x, 0), new double[] {1, 2}))
                .isInstanceOf(org.gradus.GradientException.class).hasMessageContaining("float dtype");
        assertThatThrownBy(() -> VerifyGrad.Options.DEFAULT.withEps(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps must be positive");
    }
}
