package org.gradus.rewrite.specialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.shape.Concatenate;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class TwoProductsIntoOneGemmTest {
    private static NDArray random(Random r, int rows, int cols) {
        NDArray a = NDArray.zeros(DType.FLOAT64, rows, cols);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian());
        }
        return a;
    }

    private static long count(Function f, Class<?> op) {
        return f.nodes().stream().filter(n -> op.isInstance(n.op())).count();
    }

    @Test
    void tiedWeightGradientBecomesOneProductOverJoinedOperands() {
        // d/dW of sum(sigmoid(x W) ⊙ g1) + sum(sigmoid(h Wᵀ) ⊙ g2): x.T·(...) + (...).T·h, as in an autoencoder
        TensorVariable x = T.matrix("x");
        TensorVariable h = T.matrix("h");
        TensorVariable w = T.matrix("w");
        TensorVariable cost = T.sum(T.sigmoid(T.dot(x, w))).add(T.sum(T.sigmoid(T.dot(h, w.transpose()))));
        TensorVariable g = T.grad(cost, w);
        Function fast = Gradus.functionBuilder(List.of(x, h, w)).outputs(g).build();
        Function none = Gradus.functionBuilder(List.of(x, h, w)).outputs(g).mode(Mode.NONE).build();
        Function without = Gradus.functionBuilder(List.of(x, h, w)).outputs(g).excluding("TwoProductsIntoOneGemm").build();
        assertThat(fast.rewriteLog().count("TwoProductsIntoOneGemm")).isEqualTo(1);
        assertThat(count(fast, Concatenate.class)).isEqualTo(2);
        assertThat(count(fast, Gemm.class)).isEqualTo(count(without, Gemm.class) - 1);
        Random r = new Random(3);
        NDArray xv = random(r, 6, 5);
        NDArray hv = random(r, 6, 7);
        NDArray wv = random(r, 5, 7);
        NDArray expected = none.call(xv, hv, wv);
        NDArray actual = fast.call(xv, hv, wv);
        assertThat(actual.shape()).containsExactly(5, 7);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void productsWithDifferentFlagsOrAReadSumStaySeparate() {
        TensorVariable a = T.matrix("a");
        TensorVariable b = T.matrix("b");
        TensorVariable c = T.matrix("c");
        TensorVariable d = T.matrix("d");
        // a·b + c·dᵀ: the second product reads d transposed, the first does not
        Function mixed = Gradus.function(List.of(a, b, c, d), T.dot(a, b).add(T.dot(c, d.transpose())));
        assertThat(mixed.rewriteLog().count("TwoProductsIntoOneGemm")).isZero();
        // a·b + c·d where a·b is also an output: the first sum is read elsewhere
        TensorVariable ab = T.dot(a, b);
        Function shared = Gradus.functionBuilder(List.of(a, b, c, d)).outputs(ab.add(T.dot(c, d)), ab).build();
        assertThat(shared.rewriteLog().count("TwoProductsIntoOneGemm")).isZero();
        Random r = new Random(4);
        NDArray av = random(r, 3, 4);
        NDArray bv = random(r, 4, 2);
        NDArray cv = random(r, 3, 5);
        NDArray dv = random(r, 2, 5);
        NDArray sum = mixed.call(av, bv, cv, dv);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double e = 0;
                for (int k = 0; k < 4; k++) {
                    e += av.getAt(i, k) * bv.getAt(k, j);
                }
                for (int k = 0; k < 5; k++) {
                    e += cv.getAt(i, k) * dv.getAt(j, k);
                }
                assertThat(sum.getAt(i, j)).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
