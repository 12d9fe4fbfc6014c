package org.gradus.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** In-place execution, buffer reuse and in-place updates keep every value a call must see. */
class MemoryPlanTest {

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"FAST_RUN", "NONE"})
    void aValueReadLaterIsNotOverwrittenByAnInPlaceNode(Mode mode) {
        TensorVariable x = T.matrix("x");
        TensorVariable w = T.matrix("w");
        TensorVariable a = T.dot(x, w);              // a pool buffer
        TensorVariable b = T.tanh(a);                // may not work in place over a: a is read again below
        TensorVariable c = T.exp(b).add(T.sum(a));
        Function f = Gradus.functionBuilder(List.of(x, w)).outputs(c, b).mode(mode).build();
        double[][] xv = {{0.5, -1}, {2, 0.25}};
        double[][] wv = {{1, 2}, {-0.5, 0.75}};
        for (int call = 0; call < 3; call++) {
            List<NDArray> out = f.callAll(xv, wv);
            double[][] av = {{1, 0.25}, {1.875, 4.1875}};
            double sum = 1 + 0.25 + 1.875 + 4.1875;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat(out.get(1).getAt(i, j)).isCloseTo(Math.tanh(av[i][j]), org.assertj.core.data.Offset.offset(1e-15));
                    assertThat(out.get(0).getAt(i, j)).isCloseTo(Math.exp(Math.tanh(av[i][j])) + sum,
                            org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    @Test
    void elementwiseUpdatesAreWrittenIntoTheSharedStorageAndStayCorrect() {
        SharedVariable w = Gradus.shared(new double[] {1, 2, 3}, "w");
        SharedVariable v = Gradus.shared(new double[] {10, 20, 30}, "v");
        TensorVariable g = T.vector("g");
        NDArray storage = w.valueView();
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        updates.put(w, w.sub(g.mul(0.5)));
        updates.put(v, v.add(w));                    // reads the old w
        Function f = Gradus.functionBuilder(List.of(g)).outputs(T.sum(w)).updates(updates).build();
        NDArray before = f.call(new double[] {2, 2, 2});
        assertThat(before.doubleValue()).isEqualTo(6);
        assertThat(w.valueView()).isSameAs(storage);
        assertThat(w.valueView().toDoubleArray()).containsExactly(0, 1, 2);
        assertThat(v.valueView().toDoubleArray()).containsExactly(11, 22, 33);
        f.call(new double[] {2, 2, 2});
        assertThat(w.valueView().toDoubleArray()).containsExactly(-1, 0, 1);
        assertThat(v.valueView().toDoubleArray()).containsExactly(11, 23, 35);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 64, 130})   // 130: w is cached off the heap
    void aGemmUpdateIsComputedInItsWeightsStorageAndStaysCorrectOverCalls(int size) {
        int rows = size + 1;
        int cols = size - 1;
        int batch = size / 2 + 2;
        java.util.Random r = new java.util.Random(size);
        double[][] w0 = new double[rows][cols];
        double[][] xv = new double[batch][rows];
        double[][] gv = new double[batch][cols];
        fill(r, w0);
        fill(r, xv);
        fill(r, gv);
        SharedVariable w = Gradus.shared(w0, "w");
        NDArray storage = w.valueView();
        TensorVariable x = T.matrix("x");
        TensorVariable g = T.matrix("g");
        // the forward product reads w first; the update w - 0.5 x.T g is a gemm whose added term is w
        Function f = Gradus.functionBuilder(List.of(x, g)).outputs(T.sum(T.dot(x, w)))
                .updates(Map.of(w, w.sub(T.dot(x.transpose(), g).mul(0.5)))).build();
        assertThat(f.nodes()).anyMatch(n -> n.op() instanceof org.gradus.ops.linalg.Gemm);
        double[][] expected = w0;
        for (int call = 0; call < 3; call++) {
            double sum = 0;
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int k = 0; k < rows; k++) {
                        sum += xv[i][k] * expected[k][j];
                    }
                }
            }
            assertThat(f.call(xv, gv).doubleValue()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
            double[][] next = new double[rows][cols];
            for (int k = 0; k < rows; k++) {
                for (int j = 0; j < cols; j++) {
                    double p = 0;
                    for (int i = 0; i < batch; i++) {
                        p += xv[i][k] * gv[i][j];
                    }
                    next[k][j] = expected[k][j] - 0.5 * p;
                }
            }
            expected = next;
            assertThat(w.valueView()).isSameAs(storage);
            for (int k = 0; k < rows; k++) {
                for (int j = 0; j < cols; j++) {
                    assertThat(w.valueView().getAt(k, j)).isCloseTo(expected[k][j], org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    @Test
    void aGemmThatReadsTheWeightAsAFactorIsNotComputedInPlace() {
        SharedVariable w = Gradus.shared(new double[][] {{1, 2}, {3, 4}}, "w");
        TensorVariable h = T.matrix("h");
        Function f = Gradus.functionBuilder(List.of(h)).updates(Map.of(w, w.sub(T.dot(w, h).mul(0.5)))).build();
        f.callAll(new double[][] {{1, 0}, {0, 2}});
        // w - 0.5 w h = [[1 - 0.5, 2 - 2], [3 - 1.5, 4 - 4]]
        assertThat(w.valueView().toDoubleArray()).containsExactly(0.5, 0, 1.5, 0);
    }

    private static void fill(java.util.Random r, double[][] a) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
    }

    @Test
    void aSharedVariableReturnedAsAnOutputKeepsItsOldValueInTheOutput() {
        SharedVariable s = Gradus.shared(new double[] {1, 2}, "s");
        Function f = Gradus.functionBuilder(List.of()).outputs(s, s.mul(3)).updates(Map.of(s, s.mul(2))).build();
        List<NDArray> first = f.callAll();
        assertThat(first.get(0).toDoubleArray()).containsExactly(1, 2);
        assertThat(first.get(1).toDoubleArray()).containsExactly(3, 6);
        List<NDArray> second = f.callAll();
        assertThat(second.get(0).toDoubleArray()).containsExactly(2, 4);
        assertThat(first.get(0).toDoubleArray()).as("earlier outputs are the caller's copies").containsExactly(1, 2);
    }

    @Test
    void swappedUpdatesSeeTheValuesBeforeTheCall() {
        SharedVariable a = Gradus.shared(new double[] {1, 2}, "a");
        SharedVariable b = Gradus.shared(new double[] {5, 7}, "b");
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        updates.put(a, b.add(1));
        updates.put(b, a.add(1));
        Function f = Gradus.functionBuilder(List.of()).updates(updates).build();
        f.callAll();
        assertThat(a.valueView().toDoubleArray()).containsExactly(6, 8);
        assertThat(b.valueView().toDoubleArray()).containsExactly(2, 3);
    }

    @Test
    void outputsAreCopiesUnlessBorrowed() {
        TensorVariable x = T.vector("x");
        Function f = Gradus.function(List.of(x), T.exp(x).add(1));
        NDArray first = f.call(new double[] {0, 0});
        NDArray second = f.call(new double[] {1, 1});
        assertThat(first).isNotSameAs(second);
        assertThat(first.toDoubleArray()).containsExactly(2, 2);
        NDArray borrowed = f.callBorrowed(new double[] {0, 0}).get(0);
        assertThat(borrowed.toDoubleArray()).containsExactly(2, 2);
        NDArray again = f.callBorrowed(new double[] {0, 0}).get(0);
        assertThat(again).as("a borrowed output is the function's buffer").isSameAs(borrowed);
    }

    /** Calls before measuring allocation: Vector API loops allocate their vectors until C2 has compiled them. */
    private static int warmUpCalls(int scalarLoops) {
        return org.gradus.backend.cpu.codegen.LoopCompiler.vectorLoops() ? 20_000 : scalarLoops;
    }

    @Test
    void aSteadyStateTrainingStepAllocatesAlmostNothing() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DType d = DType.FLOAT32;
        java.util.Random r = new java.util.Random(5);
        NDArray data = NDArray.zeros(d, 64, 30);
        for (int i = 0; i < data.size(); i++) {
            data.set(i, r.nextGaussian());
        }
        SharedVariable w = Gradus.shared(NDArray.full(d, 0.01, 30, 20), "w");
        SharedVariable b = Gradus.shared(NDArray.zeros(d, 20), "b");
        SharedVariable v = Gradus.shared(NDArray.full(d, 0.02, 20, 3), "v");
        TensorVariable x = T.tensor(d, "x", -1, -1);
        TensorVariable y = T.lvector("y");
        TensorVariable p = T.softmax(T.dot(T.tanh(T.dot(x, w).add(b)), v));
        TensorVariable cost = T.log(p).get(T.arange(y.shape(0)), y).mean().neg().add(T.sqr(w).sum().mul(1e-4));
        List<TensorVariable> g = T.grad(cost, List.of(w, b, v));
        Map<SharedVariable, Object> updates = new LinkedHashMap<>();
        updates.put(w, w.sub(g.get(0).mul(0.1)));
        updates.put(b, b.sub(g.get(1).mul(0.1)));
        updates.put(v, v.sub(g.get(2).mul(0.1)));
        Function f = Gradus.functionBuilder(List.of(x, y)).outputs(cost).updates(updates).build();
        long[] labels = new long[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        NDArray yv = NDArray.of(labels);
        for (int i = 0; i < warmUpCalls(200); i++) {
            f.callBorrowed(data, yv);
        }
        long t = Thread.currentThread().getId();
        int calls = 200;
        long before = bean.getThreadAllocatedBytes(t);
        for (int i = 0; i < calls; i++) {
            f.callBorrowed(data, yv);
        }
        long perCall = (bean.getThreadAllocatedBytes(t) - before) / calls;
        // one 64x20 float32 intermediate alone is 5 KB and the step has dozens of intermediates: none is
        // allocated again, nor the shapes of the indexing and range ops (they confirm the last ones)
        assertThat(perCall).as("bytes allocated per steady-state call").isLessThan(256);

        // the same step on minibatches sliced from shared data by an index (givens): the slices' bounds
        // change every call, their shapes do not
        SharedVariable all = Gradus.shared(data, "data");
        SharedVariable allLabels = Gradus.shared(yv, "labels");
        TensorVariable index = T.lscalar("index");
        Map<TensorVariable, Object> givens = new LinkedHashMap<>();
        givens.put(x, all.get(T.slice(index.mul(16), index.add(1).mul(16))));
        givens.put(y, allLabels.get(T.slice(index.mul(16), index.add(1).mul(16))));
        Function step = Gradus.functionBuilder(List.of(index)).outputs(cost).updates(updates).givens(givens).build();
        NDArray[] indices = new NDArray[4];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = NDArray.scalar(DType.INT64, i);
        }
        for (int i = 0; i < warmUpCalls(400); i++) {
            step.callBorrowed(indices[i % 4]);
        }
        before = bean.getThreadAllocatedBytes(t);
        for (int i = 0; i < calls; i++) {
            step.callBorrowed(indices[i % 4]);
        }
        long perStep = (bean.getThreadAllocatedBytes(t) - before) / calls;
        assertThat(perStep).as("bytes allocated per minibatch step").isLessThan(256);
    }
}
