package org.gradus.rewrite.specialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.grad.VerifyGrad;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.ScalarMath;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.SigmoidGivenExp;
import org.gradus.ops.scalar.SoftplusTail;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A cross-entropy of logits and its gradient compute one exp per element, with the values of two. */
class SigmoidFromSharedExpTest {
    private static final String RULE = "SigmoidFromSharedExp";

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void crossEntropyAndItsGradientShareOneExp(DType d) {
        Function[] f = new Function[2];
        for (int k = 0; k < 2; k++) {
            TensorVariable a = T.tensor(d, "a", -1, -1);
            TensorVariable t = T.tensor(d, "t", -1, -1);
            TensorVariable cost = T.sum(T.binaryCrossentropy(T.sigmoid(a), t));
            var b = Gradus.functionBuilder(List.of(a, t)).outputs(cost, T.grad(cost, a));
            f[k] = k == 0 ? b.excluding("fuse").build() : b.excluding(RULE).build();
        }
        // softplus(a), sigmoid(a) and sigmoid(-a), which the gradient's 1 - sigmoid(a) becomes
        assertThat(f[0].rewriteLog().count(RULE)).as(f[0].rewriteLog().toString()).isEqualTo(3);
        assertThat(f[0].nodes().stream().filter(n -> n.op() instanceof Elemwise e && e.scalarOp() instanceof Exp))
                .hasSize(1);
        assertThat(f[0].nodes()).noneMatch(n -> n.op() instanceof Elemwise e
                && (e.scalarOp() instanceof Sigmoid || e.scalarOp() instanceof SoftplusTail));
        Random r = new Random(17);
        NDArray av = NDArray.zeros(d, 37, 101);
        NDArray tv = NDArray.zeros(d, 37, 101);
        for (int i = 0; i < av.size(); i++) {
            av.set(i, r.nextGaussian() * (i % 3 == 0 ? 30 : 3));   // saturated as well as moderate logits
            tv.set(i, r.nextDouble());
        }
        List<NDArray> shared = f[0].callAll(av, tv);
        List<NDArray> two = f[1].callAll(av, tv);
        double tol = d == DType.FLOAT64 ? 1e-12 : 2e-6;
        for (int o = 0; o < 2; o++) {
            assertThat(shared.get(o).allClose(two.get(o), tol, tol)).as("output %d against two exps", o).isTrue();
        }
        // against the exact values: cost = sum(softplus(a) - t a), gradient = sigmoid(a) - t
        double cost = 0;
        for (int i = 0; i < av.size(); i++) {
            double a = av.get(i);
            double t = tv.get(i);
            cost += Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a))) - t * a;
            double grad = 1 / (1 + Math.exp(-a)) - t;
            assertThat(shared.get(1).get(i)).as("gradient %d", i).isCloseTo(grad, org.assertj.core.data.Offset.offset(10 * tol));
        }
        assertThat(shared.get(0).get(0)).isCloseTo(cost, org.assertj.core.data.Offset.offset(10 * tol * Math.abs(cost)));
    }

    @Test
    void sigmoidGivenExpIsTheSigmoid() {
        SigmoidGivenExp op = new SigmoidGivenExp();
        Random r = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            double x = r.nextGaussian() * (i % 2 == 0 ? 4 : 40);
            double e = ScalarMath.exp(-Math.abs(x));
            double s = op.apply(x, e);
            if (x >= 0) {
                assertThat(s).as("x = %s", x).isEqualTo(ScalarMath.sigmoid(x));
            } else {
                assertThat(s).as("x = %s", x).isCloseTo(ScalarMath.sigmoid(x),
                        org.assertj.core.data.Offset.offset(4 * Math.ulp(ScalarMath.sigmoid(x))));
            }
        }
        assertThat(op.apply(0.0, 1.0)).isEqualTo(0.5);
        assertThat(op.apply(-0.0, 1.0)).isEqualTo(0.5);
        assertThat(op.apply(-800, 0.0)).isEqualTo(0.0);
        assertThat(op.apply(800, 0.0)).isEqualTo(1.0);
        assertThat(op.apply(Double.NaN, Double.NaN)).isNaN();
    }

    @Test
    void theGradientWithRespectToTheExpMatchesFiniteDifferences() {
        NDArray x = NDArray.of(new double[] {-2, -0.5, 0.75, 3});
        VerifyGrad.verifyGradSingleInput(e -> new Elemwise(new SigmoidGivenExp()).apply(T.constant(x), e),
                NDArray.of(new double[] {0.135, 0.6, 0.47, 0.05}));
    }

    @Test
    void aLoneSigmoidIsLeftAsItIs() {
        TensorVariable a = T.matrix("a");
        Function f = Gradus.function(List.of(a), T.sigmoid(a).mul(T.sigmoid(a.mul(2))));
        assertThat(f.rewriteLog().count(RULE)).isZero();
    }
}
