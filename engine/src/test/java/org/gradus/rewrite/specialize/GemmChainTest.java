package org.gradus.rewrite.specialize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.shape.Concatenate;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ScaledDotPlusToGemm}'s chain form: an update by a sum of products becomes products accumulated into the weight. */
class GemmChainTest {
    private static NDArray random(DType d, Random r, int rows, int cols) {
        NDArray a = NDArray.zeros(d, rows, cols);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian());
        }
        return a;
    }

    private static long count(Function f, Class<?> op) {
        return f.nodes().stream().filter(n -> op.isInstance(n.op())).count();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void updateBySumOfProductsIsAChainOfGemms(DType d) {
        // w - 0.1 (x.T g1 + g2.T h): the tied-weight gradient of an autoencoder, applied as an update
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable g1 = T.tensor(d, "g1", -1, -1);
        TensorVariable g2 = T.tensor(d, "g2", -1, -1);
        TensorVariable h = T.tensor(d, "h", -1, -1);
        TensorVariable w = T.tensor(d, "w", -1, -1);
        TensorVariable sum = T.dot(x.transpose(), g1).add(T.dot(g2.transpose(), h));
        TensorVariable updated = w.sub(T.mul(T.constant(0.1, d), sum));
        List<TensorVariable> inputs = List.of(x, g1, g2, h, w);
        Function chained = Gradus.functionBuilder(inputs).outputs(updated).excluding("TwoProductsIntoOneGemm").build();
        Function none = Gradus.functionBuilder(inputs).outputs(updated).mode(Mode.NONE).build();
        // two products accumulated into w, nothing elementwise and nothing joined
        assertThat(count(chained, Gemm.class)).as(chained.nodes().toString()).isEqualTo(2);
        assertThat(count(chained, Elemwise.class) + count(chained, Composite.class) + count(chained, Concatenate.class))
                .as(chained.nodes().toString()).isZero();
        Random r = new Random(5);
        NDArray[] args = {random(d, r, 6, 5), random(d, r, 6, 7), random(d, r, 4, 5), random(d, r, 4, 7),
                random(d, r, 5, 7)};
        NDArray wBefore = args[4].copy();
        NDArray expected = none.call((Object[]) args);
        NDArray actual = chained.call((Object[]) args);
        double tol = d == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("element %d", i).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(tol));
        }
        // the caller's w is an input, not a shared variable: accumulating into it must not change it
        assertThat(args[4].allClose(wBefore, 0, 0)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sumAlsoReadElsewhereStaysOneValue(DType d) {
        TensorVariable a = T.tensor(d, "a", -1, -1);
        TensorVariable b = T.tensor(d, "b", -1, -1);
        TensorVariable w = T.tensor(d, "w", -1, -1);
        TensorVariable sum = T.dot(a, b).add(T.dot(b.transpose(), a.transpose()));
        Function f = Gradus.functionBuilder(List.of(a, b, w)).outputs(w.sub(T.mul(T.constant(0.5, d), sum)), sum)
                .excluding("TwoProductsIntoOneGemm").build();
        Function none = Gradus.functionBuilder(List.of(a, b, w)).outputs(w.sub(T.mul(T.constant(0.5, d), sum)), sum)
                .mode(Mode.NONE).build();
        Random r = new Random(6);
        NDArray av = random(d, r, 4, 4);
        NDArray bv = random(d, r, 4, 4);
        NDArray wv = random(d, r, 4, 4);
        List<NDArray> expected = none.callAll(av, bv, wv);
        List<NDArray> actual = f.callAll(av, bv, wv);
        double tol = d == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 16; i++) {
                assertThat(actual.get(o).get(i)).isCloseTo(expected.get(o).get(i), org.assertj.core.data.Offset.offset(tol));
            }
        }
    }
}
