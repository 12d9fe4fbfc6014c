package org.gradus.rewrite.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.gradus.Gradus;
import org.gradus.backend.Availability;
import org.gradus.backend.CpuBackend;
import org.gradus.backend.DeviceBackend;
import org.gradus.backend.DeviceProgram;
import org.gradus.backend.NodePlacement;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.reduce.Reduce;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Phase;
import org.gradus.rewrite.Pipeline;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Full sums of a Composite output become summed outputs of that Composite, and keep their values. */
class FuseSumIntoCompositeTest {
    private static final String RULE = "FuseSumIntoComposite";

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void l1AndL2RegularizerAndTheirGradientRunInOneLoop(DType d) {
        for (int[] shape : new int[][] {{37, 53}, {1000, 700}}) {
            TensorVariable w = T.tensor(d, "w", -1, -1);
            TensorVariable l1 = T.sum(T.abs(w));
            TensorVariable l2 = T.sum(T.sqr(w));
            TensorVariable cost = T.add(T.mul(l1, 1e-4), T.mul(l2, 1e-4));
            TensorVariable g = T.grad(cost, w);
            List<TensorVariable> outs = List.of(l1, l2, g);
            Function fast = Gradus.functionBuilder(List.of(w)).outputs(outs).build();
            List<Composite> loops = composites(fast);
            assertThat(loops).hasSize(1);
            assertThat(loops.get(0).summed().stream().filter(b -> b).count()).isEqualTo(2);
            assertThat(fast.nodes()).noneMatch(n -> n.op() instanceof Reduce);
            assertThat(fast.rewriteLog().count(RULE)).isEqualTo(2);

            NDArray wv = random(d, new Random(shape[0]), shape);
            List<NDArray> got = fast.callAll(wv);
            List<NDArray> again = fast.callAll(wv);
            List<NDArray> none = Gradus.functionBuilder(List.of(w)).outputs(outs).mode(Mode.NONE).build().callAll(wv);
            double tol = d == DType.FLOAT64 ? 1e-12 : 1e-5;
            double abs = 0;
            double sq = 0;
            for (int i = 0; i < wv.size(); i++) {
                double v = wv.get(i);
                abs += Math.abs(v);
                sq += d == DType.FLOAT32 ? (float) (v * v) : v * v;
            }
            assertThat(got.get(0).dtype()).isEqualTo(d);
            assertThat(got.get(0).shape()).isEmpty();
            assertThat(got.get(0).get(0)).isCloseTo(abs, withRelative(tol, abs));
            assertThat(got.get(1).get(0)).isCloseTo(sq, withRelative(tol, sq));
            for (int k = 0; k < 3; k++) {
                assertThat(got.get(k).allClose(none.get(k), tol, tol)).as("output %d", k).isTrue();
                assertThat(again.get(k).equals(got.get(k))).as("output %d on a second call", k).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void sumsOverBroadcastOperandsCoverTheLoopShape(DType d) {
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable row = T.tensor(d, "row", -1);
        TensorVariable y = T.tensor(d, "y", -1, -1, -1);
        TensorVariable col = T.tensor(d, "col", -1, -1, 1);
        TensorVariable s = T.tensor(d, "s");
        TensorVariable a = T.sum(T.mul(T.sqr(x), row));
        TensorVariable b = T.sum(T.add(T.tanh(T.mul(y, col)), s));
        Function fast = Gradus.functionBuilder(List.of(x, row, y, col, s)).outputs(a, b).build();
        assertThat(fast.rewriteLog().count(RULE)).isEqualTo(2);
        assertThat(fast.nodes()).noneMatch(n -> n.op() instanceof Reduce);
        Random rnd = new Random(7);
        NDArray xv = random(d, rnd, 7, 300);
        NDArray rv = random(d, rnd, 300);
        NDArray yv = random(d, rnd, 3, 40, 50);
        NDArray cv = random(d, rnd, 3, 40, 1);
        NDArray sv = random(d, rnd);
        List<NDArray> got = fast.callAll(xv, rv, yv, cv, sv);
        double ea = 0;
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 300; j++) {
                ea += xv.get(i * 300 + j) * xv.get(i * 300 + j) * rv.get(j);
            }
        }
        double eb = 0;
        for (int i = 0; i < 3 * 40; i++) {
            for (int j = 0; j < 50; j++) {
                eb += Math.tanh(yv.get(i * 50 + j) * cv.get(i)) + sv.get(0);
            }
        }
        double tol = d == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertThat(got.get(0).get(0)).isCloseTo(ea, withRelative(tol, ea));
        assertThat(got.get(1).get(0)).isCloseTo(eb, withRelative(tol, eb));
        List<NDArray> none = Gradus.functionBuilder(List.of(x, row, y, col, s)).outputs(a, b).mode(Mode.NONE).build()
                .callAll(xv, rv, yv, cv, sv);
        for (int k = 0; k < 2; k++) {
            assertThat(got.get(k).allClose(none.get(k), tol, tol)).as("output %d", k).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void theMeanOfNegatedPerExampleSumsIsSummedInTheLoop(DType d) {
        // the autoencoder's cost: mean over examples of -sum over pixels; after SumOfNegation and
        // SumOfSum the cross-entropy array is never stored, and the gradient comes from the same loop
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable z = T.tensor(d, "z", -1, -1);
        TensorVariable perPixel = T.add(T.mul(x, T.log(z)), T.mul(T.sub(1, x), T.log(T.sub(1, z))));
        TensorVariable cost = T.mean(T.neg(T.sum(perPixel, 1)));
        TensorVariable g = T.grad(cost, z);
        Function fast = Gradus.functionBuilder(List.of(x, z)).outputs(cost, g).build();
        assertThat(fast.rewriteLog().count("SumOfNegation")).isPositive();
        assertThat(fast.rewriteLog().count(RULE)).isEqualTo(1);
        assertThat(fast.nodes()).noneMatch(n -> n.op() instanceof Reduce);
        Random rnd = new Random(11);
        int rows = 9;
        int cols = 70;
        double[] xs = new double[rows * cols];
        double[] zs = new double[rows * cols];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextDouble();
            zs[i] = 0.05 + 0.9 * rnd.nextDouble();
        }
        NDArray xv = NDArray.fromFlat(DType.FLOAT64, new int[] {rows, cols}, xs).astype(d);
        NDArray zv = NDArray.fromFlat(DType.FLOAT64, new int[] {rows, cols}, zs).astype(d);
        double expected = 0;
        for (int i = 0; i < xs.length; i++) {
            double xi = xv.get(i);
            double zi = zv.get(i);
            expected -= xi * Math.log(zi) + (1 - xi) * Math.log(1 - zi);
        }
        expected /= rows;
        List<NDArray> got = fast.callAll(xv, zv);
        double tol = d == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertThat(got.get(0).get(0)).isCloseTo(expected, withRelative(tol, expected));
        List<NDArray> none = Gradus.functionBuilder(List.of(x, z)).outputs(cost, g).mode(Mode.NONE).build().callAll(xv, zv);
        assertThat(got.get(0).allClose(none.get(0), tol, tol)).isTrue();
        assertThat(got.get(1).allClose(none.get(1), tol, tol)).isTrue();
    }

    @Test
    void aSumWhoseOperandIsReadElsewhereIsNotFused() {
        TensorVariable x = T.matrix("x");
        TensorVariable v = T.vector("v");
        TensorVariable y = T.mul(T.tanh(x), 2);
        Function asOutput = Gradus.functionBuilder(List.of(x)).outputs(T.sum(y), y).build();
        assertThat(asOutput.rewriteLog().count(RULE)).isZero();
        assertThat(asOutput.nodes()).anyMatch(n -> n.op() instanceof Reduce);
        Function twoReaders = Gradus.functionBuilder(List.of(x, v)).outputs(T.sum(y), T.dot(y, v)).build();
        assertThat(twoReaders.rewriteLog().count(RULE)).isZero();
        NDArray xv = random(DType.FLOAT64, new Random(3), 2, 3);
        NDArray vv = random(DType.FLOAT64, new Random(4), 3);
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            expected += 2 * Math.tanh(xv.get(i));
        }
        assertThat(twoReaders.callAll(xv, vv).get(0).get(0)).isCloseTo(expected, withRelative(1e-12, expected));
    }

    @Test
    void partialSumsIntegerLoopsAndExcludedRuleAreLeftAlone() {
        TensorVariable x = T.matrix("x");
        Function partial = Gradus.functionBuilder(List.of(x)).outputs(T.sum(T.tanh(T.mul(x, 2)), 0)).build();
        assertThat(partial.rewriteLog().count(RULE)).isZero();
        TensorVariable k = T.tensor(DType.INT64, "k", -1, -1);
        Function ints = Gradus.functionBuilder(List.of(k)).outputs(T.sum(T.add(T.mul(k, k), 1))).build();
        assertThat(ints.rewriteLog().count(RULE)).isZero();
        assertThat(ints.call(NDArray.of(new long[] {1, 2, 3, 4, 5, 6}).reshape(2, 3)).getLong(0)).isEqualTo(91 + 6);
        Function excluded = Gradus.functionBuilder(List.of(x)).outputs(T.sum(T.sqr(T.abs(x)))).excluding(RULE).build();
        assertThat(excluded.nodes().stream().filter(n -> n.op() instanceof Reduce).count()).isEqualTo(1);
        assertThat(composites(excluded)).allMatch(c -> !c.hasSummedOutputs());
    }

    @Test
    void everyOutputSummedLeavesALoopWritingNoArray() {
        TensorVariable x = T.matrix("x");
        TensorVariable t = T.tanh(T.mul(x, 3));
        TensorVariable e = T.exp(t);
        Function f = Gradus.functionBuilder(List.of(x)).outputs(T.sum(e), T.sum(T.mul(e, T.sqr(t)))).build();
        List<Composite> loops = composites(f);
        assertThat(loops).hasSize(1);
        assertThat(loops.get(0).summed()).containsOnly(true);
        assertThat(loops.get(0).name()).startsWith("Composite{sum(");
        NDArray xv = random(DType.FLOAT64, new Random(5), 4, 6);
        List<NDArray> got = f.callAll(xv);
        double e1 = 0;
        double e2 = 0;
        for (int i = 0; i < xv.size(); i++) {
            double tv = Math.tanh(xv.get(i) * 3);
            e1 += Math.exp(tv);
            e2 += Math.exp(tv) * (tv * tv);
        }
        assertThat(got.get(0).get(0)).isCloseTo(e1, withRelative(1e-12, e1));
        assertThat(got.get(1).get(0)).isCloseTo(e2, withRelative(1e-12, e2));
    }

    @Test
    void theRuleIsLeftOutForADeviceBackend() {
        DeviceBackend device = new DeviceBackend() {
            @Override
            public String name() {
                return "test-device";
            }

            @Override
            public Availability availability() {
                return Availability.no("a test stand-in");
            }

            @Override
            public String statusReport() {
                return "test-device";
            }

            @Override
            public Optional<NodePlacement> placement(Apply node) {
                return Optional.empty();
            }

            @Override
            public DeviceProgram compile(List<TensorVariable> inputs, List<Apply> nodes, List<TensorVariable> outputs,
                                         Map<SharedVariable, TensorVariable> updates) {
                throw new IllegalStateException("the test device runs nothing");
            }
        };
        Set<Phase> all = EnumSet.allOf(Phase.class);
        assertThat(Pipeline.select(all, Set.of(), Set.of(), device).get(Phase.FUSE))
                .extracting(NodeRewriter::name).containsExactly("FuseElementwise", "MergeEqualNodes");
        assertThat(Pipeline.select(all, Set.of(), Set.of(), new CpuBackend()).get(Phase.FUSE))
                .extracting(NodeRewriter::name).containsExactly("FuseElementwise", "MergeEqualNodes", RULE);
    }

    private static List<Composite> composites(Function f) {
        return f.nodes().stream().map(Apply::op).filter(op -> op instanceof Composite).map(op -> (Composite) op)
                .collect(Collectors.toList());
    }

    private static org.assertj.core.data.Offset<Double> withRelative(double tol, double value) {
        return org.assertj.core.data.Offset.offset(tol * Math.max(1, Math.abs(value)));
    }

    static NDArray random(DType d, Random rnd, int... shape) {
        NDArray a = NDArray.zeros(d, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, rnd.nextGaussian());
        }
        return a;
    }
}
