package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.nnet.SoftmaxCrossentropyWithLogits;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** The graphs of the seed talk, optimized: the logistic is one sigmoid, the MLP's elementwise work is a few loops. */
class SeedGraphsTest {

    @Test
    void logisticCompilesToOneSigmoid() {
        TensorVariable x = T.dmatrix("x");
        Function f = Gradus.function(List.of(x), T.div(1, T.add(1, T.exp(T.neg(x)))));
        List<Apply> nodes = f.nodes();
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).op()).isEqualTo(new Elemwise(new Sigmoid()));
        assertThat(f.call(new double[][] {{0, 1}, {-1, -2}}).toDoubleMatrix()[0][0]).isEqualTo(0.5);
        assertThat(f.rewriteLog().events(Phase.STABILIZE).get(0).toString())
                .isEqualTo("stabilize  ReciprocalOfOnePlusExpToSigmoid: (1 / (1 + exp((-x)))) => sigmoid(x)");
    }

    /** The seed MLP: tanh hidden layer, softmax output, NLL + L1 + L2, four updates. */
    static Function mlpTraining(Mode mode, String... excluding) {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.lvector("y");
        java.util.Random rnd = new java.util.Random(3);
        SharedVariable w1 = Gradus.shared(RewriteRulesTest.random(org.gradus.types.DType.FLOAT64, rnd, 4, 5), "W1");
        SharedVariable b1 = Gradus.shared(new double[5], "b1");
        SharedVariable w2 = Gradus.shared(RewriteRulesTest.random(org.gradus.types.DType.FLOAT64, rnd, 5, 3), "W2");
        SharedVariable b2 = Gradus.shared(new double[3], "b2");
        TensorVariable h = T.tanh(T.add(T.dot(x, w1), b1));
        TensorVariable p = T.softmax(T.add(T.dot(h, w2), b2));
        TensorVariable nll = T.neg(T.mean(T.log(p).get(T.arange(y.shape(0)), y)));
        TensorVariable l1 = T.add(T.sum(T.abs(w1)), T.sum(T.abs(w2)));
        TensorVariable l2 = T.add(T.sum(T.sqr(w1)), T.sum(T.sqr(w2)));
        TensorVariable cost = T.add(T.add(nll, T.mul(0.001, l1)), T.mul(0.0001, l2));
        List<TensorVariable> g = T.grad(cost, List.of(w1, b1, w2, b2));
        return Gradus.functionBuilder(List.of(x, y)).outputs(cost)
                .updates(Map.of(w1, w1.sub(g.get(0).mul(0.01)), b1, b1.sub(g.get(1).mul(0.01)),
                        w2, w2.sub(g.get(2).mul(0.01)), b2, b2.sub(g.get(3).mul(0.01))))
                .mode(mode).excluding(excluding).build();
    }

    @Test
    void mlpTrainingFusesItsElementwiseWorkIntoFewLoops() {
        Function none = mlpTraining(Mode.NONE);
        Function fast = mlpTraining(Mode.FAST_RUN);
        long elemwiseBefore = none.nodes().stream().filter(n -> n.op() instanceof Elemwise).count();
        long composites = fast.nodes().stream().filter(n -> n.op() instanceof Composite).count();
        long leftAlone = fast.nodes().stream().filter(n -> n.op() instanceof Elemwise).count();
        assertThat(elemwiseBefore).isEqualTo(56);
        assertThat(composites).isEqualTo(fast.rewriteLog().fusedLoops()).isEqualTo(8);
        assertThat(leftAlone).isEqualTo(4);
        assertThat(fast.nodes()).hasSize(fast.rewriteLog().nodesAfter());
        // four updates through gemm, and the backward dot(g, W2.T) reads W2 with the transpose flag
        assertThat(fast.nodes().stream().filter(n -> n.op() instanceof Gemm).count()).isEqualTo(5);
        assertThat(fast.nodes().stream().filter(n -> n.op() instanceof SoftmaxCrossentropyWithLogits).count()).isEqualTo(1);
        // the L1 and L2 sums of both weights run inside their weight's loop
        assertThat(fast.rewriteLog().count("FuseSumIntoComposite")).isEqualTo(4);
        assertThat(fast.rewriteLog().summary()).startsWith("nodes 86 -> 32, 8 fused loops");
    }

    @Test
    void mlpTrainingTrainsAsTheUnoptimizedGraph() {
        Function none = mlpTraining(Mode.NONE);
        Function fast = mlpTraining(Mode.FAST_RUN);
        java.util.Random rnd = new java.util.Random(5);
        NDArray x = RewriteRulesTest.random(org.gradus.types.DType.FLOAT64, rnd, 6, 4);
        NDArray y = NDArray.of(new long[] {0, 1, 2, 0, 1, 2});
        for (int step = 0; step < 5; step++) {
            double a = none.call(x, y).doubleValue();
            double b = fast.call(x, y).doubleValue();
            assertThat(b).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @Test
    void excludingByNameKeepsTheRuleOut() {
        Function f = mlpTraining(Mode.FAST_RUN, "fuse", "ScaledDotPlusToGemm");
        assertThat(f.rewriteLog().fusedLoops()).isZero();
        assertThat(f.rewriteLog().count("ScaledDotPlusToGemm")).isZero();
        assertThat(f.rewriteLog().count("NegLogSoftmaxAtLabelsToFusedOp")).isEqualTo(1);
    }

    @Test
    void fastCompileOnlyMergesAndFolds() {
        Function f = mlpTraining(Mode.FAST_COMPILE);
        assertThat(f.rewriteLog().events()).allMatch(e -> e.phase() == Phase.MERGE);
        assertThat(f.rewriteLog().dotBefore(Phase.STABILIZE)).isNull();
        assertThat(f.rewriteLog().dotAfter(Phase.MERGE)).startsWith("digraph \"after_merge\"");
    }

    @Test
    void printingShowsFusedGroupsAsOneNode() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.dmatrix("y");
        Function f = Gradus.function(List.of(x, y), T.tanh(T.add(T.mul(x, y), 1)));
        assertThat(Printing.debugprint(f)).startsWith("Composite{tanh(((i0 * i1) + i2))} [id A] float64 (?, ?)");
        assertThat(Printing.toDot(f)).contains("fused loop (3 ops)\\ntanh(((i0 * i1) + i2))").contains("shape=box");
    }
}
