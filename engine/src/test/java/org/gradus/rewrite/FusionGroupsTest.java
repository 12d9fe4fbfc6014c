package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.gradus.compile.Function;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.reduce.Reduce;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which elementwise nodes end up in one loop: a cost and its gradient (once the gradient no longer
 * waits for the cost's reduction), readers of the same array, and never two nodes joined by a path
 * through a reduction. Every case also equals Mode.NONE.
 */
class FusionGroupsTest {

    private static List<Apply> loopsOverMatrices(Function f) {
        return f.nodes().stream().filter(n -> n.op() instanceof Composite && n.outputs().stream().anyMatch(o -> o.ndim() == 2))
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void reconstructionCostAndItsGradientRunInOneLoop(DType d) {
        // the autoencoder's cost: mean over rows of the summed cross-entropy of sigmoid(a) against x
        TensorVariable a = T.tensor(d, "a", -1, -1);
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable z = T.sigmoid(a);
        TensorVariable cost = T.mean(T.sum(T.add(T.mul(x, T.log(z)), T.mul(T.sub(1, x), T.log(T.sub(1, z)))), 1).neg());
        TensorVariable ga = T.grad(cost, a);
        Random rnd = new Random(3);
        NDArray pixels = RewriteRulesTest.random(d, rnd, 6, 11);
        for (int i = 0; i < pixels.size(); i++) {
            pixels.set(i, Math.abs(pixels.get(i)) / 2);
        }
        Function f = Harness.assertSameAsNone(List.of(a, x), List.of(cost, ga), d, RewriteRulesTest.random(d, rnd, 6, 11), pixels);
        // mean's divisor reads a's shape, the gradient's fills sink away: one loop computes both, and the
        // mean of negated row sums becomes a total that the same loop adds up (the cost array is never stored)
        assertThat(loopsOverMatrices(f)).as(f.rewriteLog().toString()).hasSize(1);
        assertThat(f.nodes()).noneMatch(n -> n.op() instanceof Reduce);
        assertThat(f.rewriteLog().count("SumOfNegation")).isPositive();
        assertThat(f.rewriteLog().count("FillSink")).isPositive();
        assertThat(f.rewriteLog().count("ShapeEntryOfReduction")).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void readersOfTheSameArrayShareALoop(DType d) {
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable y = T.tensor(d, "y", -1, -1);
        Random rnd = new Random(4);
        Function f = Harness.assertSameAsNone(List.of(x, y), List.of(T.exp(T.mul(x, y)), T.tanh(T.sub(x, 1))), d,
                RewriteRulesTest.random(d, rnd, 5, 7), RewriteRulesTest.random(d, rnd, 5, 7));
        assertThat(loopsOverMatrices(f)).hasSize(1);
        assertThat(((Composite) loopsOverMatrices(f).get(0).op()).outputs()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void aPathThroughAReductionKeepsTwoReadersApart(DType d) {
        // b reads x and a total of exp(x): one loop for both would need its own result
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable e = T.exp(x);
        TensorVariable b = T.mul(T.sqr(x), T.max(e, 1).dimshuffle(0, -1));
        Random rnd = new Random(5);
        Function f = Harness.assertSameAsNone(List.of(x), List.of(T.add(e, 1), b), d, RewriteRulesTest.random(d, rnd, 4, 9));
        assertThat(loopsOverMatrices(f)).hasSize(2);
        assertThat(f.nodes()).anyMatch(n -> n.op() instanceof Reduce);
    }
}
