package org.gradus.backend.cpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.gradus.DTypeException;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Tanh;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Composites with summed outputs: generated loops, the interpreter, plain Java sums and the gradient agree. */
class SummedLoopsTest {

    /** {@code sum(abs(i0))}, {@code sqr(i0) * i1} (an array) and {@code sum(tanh(sqr(i0) * i1))} over broadcast inputs. */
    private static Composite composite(DType d) {
        return new Composite(2, List.of(new Composite.Step(new Abs(), List.of(0), d),
                new Composite.Step(new Sqr(), List.of(0), d),
                new Composite.Step(new Mul(), List.of(3, 1), d),
                new Composite.Step(new Tanh(), List.of(4), d)),
                List.of(2, 4, 5), List.of(true, false, true));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void smallFlatLoopsMatchTheInterpreterBitForBit(DType d) {
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable s = T.tensor(d, "s");
        Apply node = composite(d).makeNode(List.of(x, s));
        FusedKernel kernel = FusedLoops.prepare(List.of(node))[0];
        assertThat(kernel.source()).contains("j += 4").contains("s0_3 += ").contains("z2[0] += (s2_0 + s2_1) + (s2_2 + s2_3);")
                .contains("z1[zt + j] = ");
        // a float32 loop with a transcendental step reads its float32 input through a staging row
        assertThat(kernel.source().contains("w0[j] = x0[p0 + j];")).isEqualTo(d == DType.FLOAT32);
        NDArray[] in = {random(d, 1, 3, 7), random(d, 2)};
        NDArray[] expected = outputs(node, in);
        NDArray[] actual = outputs(node, in);
        composite(d).perform(in, expected);
        kernel.run(in, actual);
        for (int o = 0; o < 3; o++) {
            assertThat(actual[o]).as("output %d", o).isEqualTo(expected[o]);
        }
        assertThat(actual[0].shape()).isEmpty();
        assertThat(actual[0].dtype()).isEqualTo(d);
        double abs = 0;
        double t = 0;
        for (int i = 0; i < 21; i++) {
            double v = in[0].get(i);
            abs += Math.abs(v);
            // a loop with a transcendental step (tanh) keeps float32 intermediates as doubles: one rounding
            double m = round(d, (v * v) * in[1].get(0));
            assertThat(actual[1].get(i)).isEqualTo(m);
            t += round(d, Math.tanh(m));
        }
        assertThat(actual[0].get(0)).isCloseTo(abs, org.assertj.core.data.Offset.offset(1e-6 * abs));
        assertThat(actual[2].get(0)).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(t))));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void rowBroadcastAndThreadSplitLoopsMatchPlainSums(DType d) {
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable row = T.tensor(d, "row", 1, -1);
        Composite c = composite(d);
        Apply node = c.makeNode(List.of(x, row));
        FusedKernel kernel = FusedLoops.prepare(List.of(node))[0];
        for (int[] shape : new int[][] {{7, 300}, {1000, 700}}) {
            NDArray[] in = {random(d, 3, shape), random(d, 4, 1, shape[1])};
            NDArray[] expected = outputs(node, in);
            NDArray[] actual = outputs(node, in);
            c.perform(in, expected);
            kernel.run(in, actual);
            kernel.run(in, actual);
            double abs = 0;
            double t = 0;
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    double v = in[0].get(i * shape[1] + j);
                    abs += Math.abs(v);
                    t += round(d, Math.tanh(round(d, round(d, v * v) * in[1].get(j))));
                }
            }
            double tol = d == DType.FLOAT64 ? 1e-12 : 1e-6;
            for (NDArray[] got : List.of(expected, actual)) {
                assertThat(got[0].get(0)).isCloseTo(abs, org.assertj.core.data.Offset.offset(tol * abs));
                assertThat(got[2].get(0)).isCloseTo(t, org.assertj.core.data.Offset.offset(tol * Math.max(1, Math.abs(t))));
            }
            assertThat(actual[1]).isEqualTo(expected[1]);
        }
    }

    @Test
    void aThreeDimensionalLoopWithOnlySummedOutputsAndAnEmptyLoop() {
        TensorVariable y = T.tensor(DType.FLOAT64, "y", -1, -1, -1);
        TensorVariable col = T.tensor(DType.FLOAT64, "col", -1, -1, 1);
        Composite c = new Composite(2, List.of(new Composite.Step(new Mul(), List.of(0, 1), DType.FLOAT64),
                new Composite.Step(new Add(), List.of(2, 0), DType.FLOAT64)), List.of(3), List.of(true));
        Apply node = c.makeNode(List.of(y, col));
        assertThat(node.output(0).ndim()).isZero();
        FusedKernel kernel = FusedLoops.prepare(List.of(node))[0];
        NDArray[] in = {random(DType.FLOAT64, 5, 3, 4, 5), random(DType.FLOAT64, 6, 3, 4, 1)};
        NDArray[] out = {NDArray.zeros(DType.FLOAT64)};
        kernel.run(in, out);
        double expected = 0;
        for (int i = 0; i < 60; i++) {
            expected += in[0].get(i) * in[1].get(i / 5) + in[0].get(i);
        }
        assertThat(out[0].get(0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        NDArray[] empty = {NDArray.zeros(DType.FLOAT64, 3, 0, 5), NDArray.zeros(DType.FLOAT64, 3, 0, 1)};
        kernel.run(empty, out);
        assertThat(out[0].get(0)).isZero();
    }

    @Test
    void integerOutputsCannotBeSummed() {
        TensorVariable k = T.tensor(DType.INT32, "k", -1);
        Composite c = new Composite(1, List.of(new Composite.Step(new Sqr(), List.of(0), DType.INT32)), List.of(1),
                List.of(true));
        assertThatThrownBy(() -> c.apply(k)).isInstanceOf(DTypeException.class).hasMessageContaining("summed");
    }

    @Test
    void theGradientOfASummedOutputMatchesCentralDifferences() {
        TensorVariable x = T.matrix("x");
        TensorVariable row = T.tensor(DType.FLOAT64, "row", 1, -1);
        Composite c = composite(DType.FLOAT64);
        List<TensorVariable> outs = c.makeNode(List.of(x, row)).outputs();
        NDArray weights = random(DType.FLOAT64, 9, 2, 3);
        TensorVariable cost = T.add(T.add(T.mul(outs.get(0), 0.5), outs.get(2)),
                T.sum(T.mul(outs.get(1), T.constant(weights))));
        Function grads = Gradus.function(List.of(x, row), T.grad(cost, List.of(x, row)));
        Function value = Gradus.function(List.of(x, row), cost);
        NDArray xv = random(DType.FLOAT64, 10, 2, 3);
        NDArray rv = random(DType.FLOAT64, 11, 1, 3);
        List<NDArray> g = grads.callAll(xv, rv);
        NDArray[] args = {xv, rv};
        for (int a = 0; a < 2; a++) {
            assertThat(g.get(a).shape()).isEqualTo(args[a].shape());
            for (int i = 0; i < args[a].size(); i++) {
                double keep = args[a].get(i);
                args[a].set(i, keep + 1e-6);
                double up = value.call(xv, rv).doubleValue();
                args[a].set(i, keep - 1e-6);
                double down = value.call(xv, rv).doubleValue();
                args[a].set(i, keep);
                double numeric = (up - down) / 2e-6;
                assertThat(g.get(a).get(i)).as("d cost / d input %d [%d]", a, i)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 * Math.abs(numeric) + 1e-8));
            }
        }
    }

    private static NDArray[] outputs(Apply node, NDArray[] in) {
        Composite c = (Composite) node.op();
        int[][] shapes = c.outputShapes(in);
        NDArray[] out = new NDArray[shapes.length];
        for (int o = 0; o < out.length; o++) {
            out[o] = NDArray.zeros(node.output(o).dtype(), shapes[o]);
        }
        return out;
    }

    private static double round(DType d, double v) {
        return d == DType.FLOAT32 ? (float) v : v;
    }

    private static NDArray random(DType d, long seed, int... shape) {
        Random r = new Random(seed);
        NDArray a = NDArray.zeros(d, shape);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, r.nextGaussian());
        }
        return a;
    }
}
