package org.gradus.rewrite.specialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.linalg.GemmOfTwoProducts;
import org.gradus.ops.linalg.NativeBlas;
import org.gradus.ops.shape.Concatenate;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(count(fast, Concatenate.class)).isZero();
        assertThat(count(fast, GemmOfTwoProducts.class)).isEqualTo(1);
        assertThat(count(fast, Gemm.class)).isEqualTo(count(without, Gemm.class) - 2);
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

    @ParameterizedTest(name = "{0} rows, {1}, OpenBLAS in place {2}")
    @CsvSource({"6, float64, true", "40, float64, true", "130, float32, true", "130, float64, true", "40, float32, false",
        "130, float64, false"})
    void theWeightUpdateByTwoProductsEqualsNoneOnEveryPath(int rows, String dtypeName, boolean inPlace) {
        // W <- W - 0.1 (xᵀ·g1 + dᵀ·g2): joined operands up to an inner dimension of 64, two products per block above
        DType d = DType.of(dtypeName);
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable g1 = T.tensor(d, "g1", -1, -1);
        TensorVariable dz = T.tensor(d, "dz", -1, -1);
        TensorVariable g2 = T.tensor(d, "g2", -1, -1);
        TensorVariable w = T.tensor(d, "w", -1, -1);
        TensorVariable updated = w.sub(T.dot(x.transpose(), g1).add(T.dot(dz.transpose(), g2)).mul(0.1));
        List<TensorVariable> ins = List.of(x, g1, dz, g2, w);
        Function fast = Gradus.functionBuilder(ins).outputs(updated).build();
        Function none = Gradus.functionBuilder(ins).outputs(updated).mode(Mode.NONE).build();
        assertThat(count(fast, GemmOfTwoProducts.class)).as(fast.rewriteLog().toString()).isEqualTo(1);
        Random r = new Random(rows);
        NDArray[] args = {random(r, rows, 90).astype(d), random(r, rows, 70).astype(d), random(r, rows, 90).astype(d),
            random(r, rows, 70).astype(d), random(r, 90, 70).astype(d)};
        boolean before = NativeBlas.isInPlace();
        NativeBlas.setInPlace(inPlace);
        try {
            NDArray expected = none.call((Object[]) args);
            NDArray actual = fast.call((Object[]) args);
            NDArray again = fast.call((Object[]) args);
            double tol = d == DType.FLOAT64 ? 1e-12 : 1e-4;
            assertThat(actual.allClose(expected, tol, tol)).isTrue();
            assertThat(again.equals(actual)).isTrue();
        } finally {
            NativeBlas.setInPlace(before);
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
