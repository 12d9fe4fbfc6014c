package org.gradus.backend.cpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Expm1;
import org.gradus.ops.scalar.Identity;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Log1p;
import org.gradus.ops.scalar.Maximum;
import org.gradus.ops.scalar.Minimum;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Relu;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.Second;
import org.gradus.ops.scalar.Sgn;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Softplus;
import org.gradus.ops.scalar.SoftplusTail;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Sqrt;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.Tanh;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loops written with the Vector API (the engine's {@code vector-loops} test run starts the JVM with
 * {@code --add-modules jdk.incubator.vector}; elsewhere these tests are skipped with that reason): every op
 * with a vector form agrees with the scalar loop within a few ulp, special values included, over
 * lengths with a scalar tail, offset and broadcast inputs, and in-place updates.
 */
class VectorLoopsTest {
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        100, -100, 1e-30, -1e-30, 0.5, -1, 1};

    @BeforeEach
    void needsTheVectorModule() {
        assumeThat(VectorLoopBody.enabled())
                .as("vector loops need a JVM started with --add-modules jdk.incubator.vector "
                        + "(mvn runs this class in the engine's vector-loops execution)")
                .isTrue();
    }

    static Stream<Arguments> ops() {
        List<ScalarOp> ops = List.of(new Abs(), new Exp(), new Expm1(), new Log(), new Log1p(), new Neg(), new Relu(),
                new Sigmoid(), new Softplus(), new SoftplusTail(), new Sqr(), new Sqrt(), new Tanh(), new Add(), new Sub(),
                new Mul(), new TrueDiv(), new Maximum(), new Minimum(), new Second(), new Identity(), new Sgn());
        return ops.stream().flatMap(op -> Stream.of(Arguments.of(op, DType.FLOAT64), Arguments.of(op, DType.FLOAT32)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ops")
    void everyOpWithAVectorFormAgreesWithTheScalarLoop(ScalarOp op, DType d) {
        List<TensorVariable> in = new ArrayList<>();
        for (int i = 0; i < op.arity(); i++) {
            in.add(T.tensor(d, "x" + i, -1, -1));
        }
        // op, then a product with its first operand; 7 x 33 = 231 elements: vectors and a scalar tail
        Composite c = new Composite(op.arity(), List.of(new Composite.Step(op, range(op.arity()), d),
                new Composite.Step(new Mul(), List.of(op.arity(), 0), d)), List.of(op.arity(), op.arity() + 1));
        Apply node = c.makeNode(in);
        FusedKernel kernel = FusedLoops.prepare(List.of(node))[0];
        assertThat(kernel.source()).contains("Vector.fromArray(S, x0, o0 + j)").contains("intoArray(z1, zo + j)");
        Random r = new Random(op.name().hashCode());
        NDArray[] inputs = new NDArray[op.arity()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = NDArray.zeros(d, 7, 33);
            for (int j = 0; j < inputs[i].size(); j++) {
                inputs[i].set(j, j % 19 < SPECIAL.length ? SPECIAL[(j + 5 * i) % SPECIAL.length] : r.nextGaussian() * 3);
            }
        }
        NDArray[] expected = {NDArray.zeros(d, 7, 33), NDArray.zeros(d, 7, 33)};
        NDArray[] actual = {NDArray.zeros(d, 7, 33), NDArray.zeros(d, 7, 33)};
        c.perform(inputs, expected);
        kernel.run(inputs, actual);
        for (int o = 0; o < 2; o++) {
            assertWithinUlps(actual[o], expected[o], d, 0, op.name() + " output " + o);
        }
    }

    @Test
    void offsetRowsBroadcastBiasesAndInPlaceUpdatesMatchModeNone() {
        for (DType d : List.of(DType.FLOAT32, DType.FLOAT64)) {
            Random r = new Random(11);
            NDArray data = random(d, r, 9, 37);
            NDArray bias = random(d, r, 37);
            SharedVariable x = Gradus.shared(data, "x");
            TensorVariable b = T.tensor(d, "b", -1);
            TensorVariable s = T.tensor(d, "s");
            TensorVariable rows = x.get(T.slice(2, 9));
            TensorVariable y = T.add(T.tanh(T.add(T.mul(rows, s), b)), T.sigmoid(rows));
            Function fast = Gradus.functionBuilder(List.of(b, s)).outputs(y).build();
            Function none = Gradus.functionBuilder(List.of(b, s)).outputs(y).mode(Mode.NONE).build();
            assertThat(fast.generatedSource()).contains("Vector.fromArray");
            NDArray scale = NDArray.scalar(d, 0.7);
            // a sum of two terms: its error is relative to the terms (about 1), not to the small sum
            assertWithinUlps(fast.call(bias, scale), none.call(bias, scale), d, 1, "offset rows " + d);

            SharedVariable w = Gradus.shared(random(d, r, 13, 29), "w");
            NDArray before = w.getValue().copy();
            Function update = Gradus.functionBuilder(List.of()).updates(Map.of(w, T.sub(w, T.mul(T.tanh(w), 0.1))))
                    .build();
            assertThat(update.generatedSource()).contains("Vector");
            update.callAll();
            NDArray expected = NDArray.zeros(d, 13, 29);
            for (int i = 0; i < expected.size(); i++) {
                double v = before.get(i);
                expected.set(i, v - Math.tanh(v) * 0.1);
            }
            assertWithinUlps(w.getValue(), expected, d, 1, "in-place update " + d);
        }
    }

    @Test
    void summedOutputsAccumulateInDoubleLanesInTheSameLoop() {
        // the weight update that carries the L1 and L2 penalties: sums and the update in one vector loop
        for (DType d : List.of(DType.FLOAT32, DType.FLOAT64)) {
            Random r = new Random(21);
            NDArray start = random(d, r, 37, 53);
            SharedVariable w = Gradus.shared(start.copy(), "w");
            TensorVariable l1 = T.sum(T.abs(w));
            TensorVariable l2 = T.sum(T.sqr(w));
            TensorVariable g = T.grad(T.add(T.mul(l1, 1e-3), T.mul(l2, 1e-3)), w);
            Function f = Gradus.functionBuilder(List.of()).outputs(List.of(l1, l2))
                    .updates(Map.of(w, T.sub(w, T.mul(g, 0.1)))).build();
            assertThat(f.generatedSource()).contains("sumLanes(a0_0)").doesNotContain("reduceLanes").contains("intoArray");
            if (d == DType.FLOAT32) {
                // 1,961 elements: whole blocks of 16 float vectors, a shorter block and a scalar tail
                assertThat(f.generatedSource()).contains("blockEnd");
            }
            List<NDArray> sums = f.callAll();
            double abs = 0;
            double sq = 0;
            NDArray expected = NDArray.zeros(d, 37, 53);
            for (int i = 0; i < start.size(); i++) {
                double v = start.get(i);
                abs += Math.abs(v);
                sq += d == DType.FLOAT32 ? (float) (v * v) : v * v;
                expected.set(i, v - 0.1 * (2e-3 * v + 1e-3 * Math.signum(v)));
            }
            double tol = d == DType.FLOAT32 ? 1e-6 : 1e-13;
            assertThat(sums.get(0).get(0)).isCloseTo(abs, org.assertj.core.data.Offset.offset(tol * abs));
            assertThat(sums.get(1).get(0)).isCloseTo(sq, org.assertj.core.data.Offset.offset(tol * sq));
            assertWithinUlps(w.getValue(), expected, d, 1, "update " + d);
        }
    }

    @Test
    void gradusVectorFalseKeepsScalarLoops() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1);
        Composite c = new Composite(1, List.of(new Composite.Step(new Tanh(), List.of(0), DType.FLOAT32)), List.of(1));
        System.setProperty("gradus.vector", "false");
        try {
            assertThat(FusedLoops.prepare(List.of(c.makeNode(List.of(x))))[0].source()).doesNotContain("Vector");
        } finally {
            System.clearProperty("gradus.vector");
        }
        assertThat(FusedLoops.prepare(List.of(c.makeNode(List.of(x))))[0].source()).contains("FloatVector");
    }

    /**
     * Equal NaNs and infinities; other elements within 8 ulp of the loop's dtype relative to
     * {@code max(|expected|, floor)}, or both below the smallest normal.
     */
    private static void assertWithinUlps(NDArray actual, NDArray expected, DType d, double floor, String what) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double ulp = d == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
        double tiny = d == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? a == e
                    : Math.abs(a - e) <= 8 * ulp * Math.max(Math.abs(e), floor) || Math.abs(a - e) <= tiny;
            if (!ok) {
                assertThat(a).as("%s, element %d", what, i).isEqualTo(e);
            }
        }
    }

    private static NDArray random(DType d, Random r, int... shape) {
        NDArray a = NDArray.zeros(d, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian());
        }
        return a;
    }

    private static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }
}
