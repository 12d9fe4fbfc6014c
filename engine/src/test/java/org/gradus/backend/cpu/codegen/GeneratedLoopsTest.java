package org.gradus.backend.cpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Cast;
import org.gradus.ops.scalar.Clip;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Expm1;
import org.gradus.ops.scalar.IntDiv;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Log1p;
import org.gradus.ops.scalar.Maximum;
import org.gradus.ops.scalar.Minimum;
import org.gradus.ops.scalar.Mod;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Pow;
import org.gradus.ops.scalar.Relu;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.Sgn;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Softplus;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Sqrt;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.Tanh;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated fused loops give bit-identical results to the interpreted Composite, and are cached. */
class GeneratedLoopsTest {

    static Stream<Arguments> ops() {
        List<ScalarOp> ops = List.of(new Abs(), new Exp(), new Expm1(), new Log(), new Log1p(), new Neg(), new Relu(),
                new Sgn(), new Sigmoid(), new Softplus(), new org.gradus.ops.scalar.SoftplusTail(), new Sqr(), new Sqrt(), new Tanh(), new Add(), new Sub(),
                new Mul(), new TrueDiv(), new Pow(), new Maximum(), new Minimum(), new Mod(), new IntDiv(), new Clip(),
                new Cast(DType.FLOAT32), new Cast(DType.INT32));
        return ops.stream().flatMap(op -> Stream.of(Arguments.of(op, DType.FLOAT64), Arguments.of(op, DType.FLOAT32)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ops")
    void everyScalarOpMatchesTheInterpreterBitForBit(ScalarOp op, DType d) {
        List<TensorVariable> in = new ArrayList<>();
        List<DType> dtypes = new ArrayList<>();
        for (int i = 0; i < op.arity(); i++) {
            in.add(T.tensor(d, "x" + i, -1, -1));
            dtypes.add(d);
        }
        DType out = op.outputDType(dtypes);
        // op, then a float step after it, as the fuse phase builds groups
        Composite c = new Composite(op.arity(), List.of(new Composite.Step(op, range(op.arity()), out),
                new Composite.Step(new Mul(), List.of(op.arity(), 0), DType.upcast(out, d))),
                List.of(op.arity(), op.arity() + 1));
        assertGeneratedEqualsInterpreted(c, in, new int[][] {{7, 33}, {7, 33}, {7, 33}}, 1);
    }

    @Test
    void float32ArithmeticRunsInFloatWithoutConversions() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1);
        TensorVariable y = T.tensor(DType.FLOAT32, "y", -1);
        // y - x * y, |x| * sgn(y): correctly rounded ops on float32 operands only
        Composite c = new Composite(2, List.of(new Composite.Step(new Mul(), List.of(0, 1), DType.FLOAT32),
                new Composite.Step(new Sub(), List.of(1, 2), DType.FLOAT32),
                new Composite.Step(new Abs(), List.of(0), DType.FLOAT32),
                new Composite.Step(new Sgn(), List.of(1), DType.FLOAT32),
                new Composite.Step(new Mul(), List.of(4, 5), DType.FLOAT32)), List.of(3, 6));
        FusedKernel kernel = FusedLoops.prepare(List.of(c.makeNode(List.of(x, y))))[0];
        assertThat(kernel.source()).contains("final float v3 = (v1 - v2);").doesNotContain("double");
        assertGeneratedEqualsInterpreted(c, List.of(x, y), new int[][] {{50}, {50}}, 4);
    }

    @Test
    void broadcastRowsColumnsScalarsAndIntegerInputsMatch() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1, -1);
        TensorVariable row = T.tensor(DType.FLOAT64, "row", 1, 1, -1);
        TensorVariable col = T.tensor(DType.FLOAT32, "col", -1, -1, 1);
        TensorVariable k = T.tensor(DType.INT32, "k");
        TensorVariable m = T.tensor(DType.INT64, "m", -1, -1, -1);
        Composite c = new Composite(5, List.of(
                new Composite.Step(new Add(), List.of(0, 1), DType.FLOAT64),
                new Composite.Step(new Tanh(), List.of(5), DType.FLOAT64),
                new Composite.Step(new Mul(), List.of(2, 3), DType.FLOAT32),
                new Composite.Step(new Sub(), List.of(6, 7), DType.FLOAT64),
                new Composite.Step(new Add(), List.of(8, 4), DType.FLOAT64),
                new Composite.Step(new Sigmoid(), List.of(7), DType.FLOAT32)),
                List.of(9, 10, 0));
        assertGeneratedEqualsInterpreted(c, List.of(x, row, col, k, m),
                new int[][] {{3, 4, 5}, {1, 1, 5}, {3, 4, 1}, {}, {3, 4, 5}}, 2);
    }

    @Test
    void largeLoopsSplitOverThreadsMatch() {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", -1, -1);
        TensorVariable b = T.tensor(DType.FLOAT64, "b", 1, -1);
        Composite c = new Composite(2, List.of(new Composite.Step(new Add(), List.of(0, 1), DType.FLOAT64),
                new Composite.Step(new Tanh(), List.of(2), DType.FLOAT64),
                new Composite.Step(new Sigmoid(), List.of(3), DType.FLOAT64)), List.of(4));
        assertGeneratedEqualsInterpreted(c, List.of(x, b), new int[][] {{700, 900}, {1, 900}}, 3);
        TensorVariable v = T.tensor(DType.FLOAT32, "v", -1);
        TensorVariable s = T.tensor(DType.FLOAT32, "s");
        Composite flat = new Composite(2, List.of(new Composite.Step(new Mul(), List.of(0, 1), DType.FLOAT32),
                new Composite.Step(new Exp(), List.of(2), DType.FLOAT32)), List.of(3));
        assertGeneratedEqualsInterpreted(flat, List.of(v, s), new int[][] {{1_000_003}, {}}, 4);
    }

    @Test
    void float32TranscendentalLoopsStageTheirInputsInTilesAndStillMatch() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1);
        TensorVariable b = T.tensor(DType.FLOAT32, "b", 1, -1);
        Composite c = new Composite(2, List.of(new Composite.Step(new Add(), List.of(0, 1), DType.FLOAT32),
                new Composite.Step(new Tanh(), List.of(2), DType.FLOAT32),
                new Composite.Step(new Mul(), List.of(3, 0), DType.FLOAT32)), List.of(3, 4));
        FusedKernel kernel = FusedLoops.prepare(List.of(c.makeNode(List.of(x, b))))[0];
        // both float32 inputs move along the rows: each is copied into its own staging row per tile
        assertThat(kernel.source()).contains("w0[j] = x0[p0 + j];").contains("w1[j] = x1[p1 + j];")
                .contains("z0[zt + j] = ");
        // rows longer than a tile (700 = 2 * 256 + 188), short rows, and rows split over threads
        assertGeneratedEqualsInterpreted(c, List.of(x, b), new int[][] {{300, 700}, {1, 700}}, 5);
        assertGeneratedEqualsInterpreted(c, List.of(x, b), new int[][] {{3, 5}, {1, 5}}, 6);
    }

    @Test
    void compiledClassesAreStoredOnDiskAndReloadedWithoutCompiling(@TempDir Path folder) throws Exception {
        TensorVariable x = T.tensor(DType.FLOAT64, "x", -1);
        Composite c = new Composite(1, List.of(new Composite.Step(new Exp(), List.of(0), DType.FLOAT64),
                new Composite.Step(new Add(), List.of(1, 0), DType.FLOAT64)), List.of(2));
        Apply node = c.apply(x).owner();
        LoopCompiler first = new LoopCompiler(new DiskCache(folder));
        FusedKernel[] k1 = FusedLoops.prepare(List.of(node), first);
        assertThat(k1[0]).isNotNull();
        assertThat(first.compiledSources()).isEqualTo(1);
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSize(2).allMatch(f -> f.startsWith("Loop_") && (f.endsWith(".class") || f.endsWith(".java")));
        assertThat(Files.readString(folder.resolve(files.get(1)))).contains("Math.exp(v0)").contains("for (int j = 0");
        LoopCompiler second = new LoopCompiler(new DiskCache(folder));
        FusedKernel[] k2 = FusedLoops.prepare(List.of(node), second);
        assertThat(second.compiledSources()).isZero();
        NDArray in = NDArray.of(new double[] {0, 1, 2});
        NDArray out = NDArray.zeros(DType.FLOAT64, 3);
        k2[0].run(new NDArray[] {in}, new NDArray[] {out});
        assertThat(out.toDoubleArray()).containsExactly(1, Math.E + 1, Math.exp(2) + 2);
    }

    private static void assertGeneratedEqualsInterpreted(Composite c, List<TensorVariable> inputs, int[][] shapes,
                                                          long seed) {
        Apply node = c.makeNode(inputs);
        FusedKernel kernel = FusedLoops.prepare(List.of(node))[0];
        assertThat(kernel).as("a kernel is generated for %s", c.name()).isNotNull();
        Random r = new Random(seed);
        NDArray[] in = new NDArray[inputs.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = NDArray.zeros(inputs.get(i).dtype(), shapes[i]);
            for (int j = 0; j < in[i].size(); j++) {
                in[i].set(j, inputs.get(i).dtype().isFloat() ? r.nextGaussian() * 3 : r.nextInt(9) - 2);
            }
        }
        int[] outShape = c.outputShapes(in)[0];
        NDArray[] expected = new NDArray[c.outputs().size()];
        NDArray[] actual = new NDArray[c.outputs().size()];
        for (int o = 0; o < expected.length; o++) {
            expected[o] = NDArray.zeros(node.output(o).dtype(), outShape);
            actual[o] = NDArray.zeros(node.output(o).dtype(), outShape);
        }
        c.perform(in, expected);
        kernel.run(in, actual);
        for (int o = 0; o < expected.length; o++) {
            assertThat(actual[o]).as("output %d of %s\n%s", o, c.name(), kernel.source()).isEqualTo(expected[o]);
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }
}
