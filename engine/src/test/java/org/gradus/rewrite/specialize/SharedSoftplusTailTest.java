package org.gradus.rewrite.specialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.grad.VerifyGrad;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.SoftplusTail;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class SharedSoftplusTailTest {
    private static NDArray wide(DType d, long seed) {
        Random r = new Random(seed);
        NDArray a = NDArray.zeros(d, 4, 9);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian() * 30);   // saturated as well as moderate arguments
        }
        return a;
    }

    @Test
    void binaryCrossentropyComputesOneTailForBothSoftplusTerms() {
        TensorVariable a = T.matrix("a");
        TensorVariable t = T.matrix("t");
        // t log sigmoid(a) + (1 - t) log(1 - sigmoid(a)) (the autoencoder's reconstruction term), which the
        // stabilizer writes as -t softplus(-a) - (1 - t) softplus(a)
        TensorVariable z = T.sigmoid(a);
        TensorVariable cost = t.mul(T.log(z)).add(T.sub(1, t).mul(T.log(T.sub(1, z))));
        Function fast = Gradus.functionBuilder(List.of(a, t)).outputs(cost).excluding("fuse").build();
        Function none = Gradus.functionBuilder(List.of(a, t)).outputs(cost).mode(Mode.NONE).build();
        assertThat(fast.rewriteLog().count("SharedSoftplusTail")).isEqualTo(2);
        assertThat(fast.nodes().stream().filter(n -> n.op() instanceof Elemwise e
                && e.scalarOp() instanceof SoftplusTail)).hasSize(1);
        NDArray av = wide(DType.FLOAT64, 1);
        NDArray tv = wide(DType.FLOAT64, 2);
        for (int i = 0; i < tv.size(); i++) {
            tv.set(i, tv.get(i) > 0 ? 1 : 0);
        }
        NDArray expected = none.call(av, tv);
        NDArray actual = fast.call(av, tv);
        for (int i = 0; i < expected.size(); i++) {
            // exact softplus where NONE's log(sigmoid) is finite; NONE overflows to inf where it saturates
            double x = av.get(i);
            double reference = -(tv.get(i) * softplus(-x) + (1 - tv.get(i)) * softplus(x));
            assertThat(actual.get(i)).isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(reference))));
            if (Double.isFinite(expected.get(i)) && Math.abs(x) < 30) {
                assertThat(actual.get(i)).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Test
    void aLoneSoftplusIsLeftAsItIs() {
        TensorVariable a = T.matrix("a");
        Function f = Gradus.function(List.of(a), T.softplus(a).add(T.softplus(a.mul(2).neg())));
        assertThat(f.rewriteLog().count("SharedSoftplusTail")).isZero();
    }

    @Test
    void theTailIsEvenAndItsGradientMatchesFiniteDifferences() {
        TensorVariable x = T.vector("x");
        Function tail = Gradus.function(List.of(x), new Elemwise(new SoftplusTail()).apply(x));
        NDArray v = NDArray.of(new double[] {-40, -3, -0.5, 0.25, 2, 35});
        NDArray y = tail.call(v);
        for (int i = 0; i < v.size(); i++) {
            assertThat(y.get(i)).isCloseTo(Math.log1p(Math.exp(-Math.abs(v.get(i)))),
                    org.assertj.core.data.Percentage.withPercentage(1e-12));
        }
        assertThat(tail.call(NDArray.of(new double[] {3})).get(0)).isEqualTo(tail.call(NDArray.of(new double[] {-3})).get(0));
        VerifyGrad.verifyGradSingleInput(in -> new Elemwise(new SoftplusTail()).apply(in),
                NDArray.of(new double[] {-3, -0.5, 0.25, 2}));
    }
}
