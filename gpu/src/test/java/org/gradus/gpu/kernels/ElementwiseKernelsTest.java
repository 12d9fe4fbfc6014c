package org.gradus.gpu.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gradus.gpu.kernels.ElementwiseProgram.Literal;
import org.gradus.gpu.kernels.ElementwiseProgram.Operand;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Tanh;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

class ElementwiseKernelsTest {

    /** tanh(x * w + b) with a float32 matrix, a broadcast row and a literal: a typical fused layer. */
    private static ElementwiseProgram layer(DType dtype) {
        ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
        Operand x = b.input(dtype);
        Operand w = b.input(dtype);
        Operand bias = b.input(dtype);
        Operand z = b.apply(new Add(), List.of(b.apply(new Mul(), List.of(x, w)), bias));
        Operand h = b.apply(new Tanh(), List.of(z));
        b.output(h);
        b.output(b.apply(new Mul(), List.of(h, new Literal(0.5, dtype))));
        return b.build();
    }

    @Test
    void fusedSourceSplicesTheOpsFragmentsAndBroadcastsByStrides() {
        KernelSource src = ElementwiseKernels.generate(layer(DType.FLOAT32), 2);
        String code = src.code();
        assertThat(src.entryPoint()).startsWith("gradus_ew_mul_add_tanh_mul_r2_");
        assertThat(code).contains("extern \"C\" __global__ void " + src.entryPoint() + "(long long n",
                "const float* __restrict__ in0", "float* __restrict__ out1", "int d0, int d1", "long long s2_1",
                "const float v0 = (float) ((a0 * a1));  // mul",
                "const float v1 = (float) ((v0 + a2));  // add",
                "const float v2 = (float) (tanh(v1));  // tanh",
                "const float v3 = (float) ((v2 * ((float) 0x1.0p-1f)));  // mul",
                "o2 += coord * s2_0;", "out0[idx] = v2;", "out1[idx] = v3;");
    }

    @Test
    void mixedDtypesComputeInTheCommonDtype() {
        ElementwiseProgram p = ElementwiseProgram.single(new Add(), List.of(DType.INT32, DType.FLOAT64));
        assertThat(p.outputDType(0)).isEqualTo(DType.FLOAT64);
        assertThat(ElementwiseKernels.generate(p, 1).code()).contains("const double v0 = (double) ((((double) a0) + a1));");
        ElementwiseProgram e = ElementwiseProgram.single(new Exp(), List.of(DType.INT64));
        assertThat(ElementwiseKernels.generate(e, 0).code()).contains("exp(((" + CudaTypes.of(e.outputDType(0)) + ") a0))");
    }

    @Test
    void fromGraphMapsAnElementwiseGroupOntoAProgram() {
        TensorVariable x = T.tensor(DType.FLOAT32, "x", -1, -1);
        TensorVariable y = T.sigmoid(T.add(T.mul(x, x), 1));
        ElementwiseProgram p = ElementwiseProgram.fromGraph(List.of(x), List.of(y));
        assertThat(p.inputs()).containsExactly(DType.FLOAT32);
        assertThat(p.steps()).extracting(s -> s.op().name()).containsExactly("mul", "add", "sigmoid");
        assertThat(p.steps().get(1).operands().get(1)).isInstanceOf(Literal.class);
        assertThat(p.outputDType(0)).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> ElementwiseProgram.fromGraph(List.of(), List.of(y)))
                .hasMessageContaining("not an elementwise group");
    }

    @Test
    void programsRejectForwardReferences() {
        assertThatThrownBy(() -> new ElementwiseProgram(List.of(DType.FLOAT32),
                List.of(new ElementwiseProgram.Step(new Sigmoid(), List.of(new ElementwiseProgram.Result(0)), DType.FLOAT32)),
                List.of(0))).hasMessageContaining("not earlier");
    }

    @Test
    void literalsAreExactIncludingInfinitiesAndNan() {
        assertThat(CudaTypes.literal(0.1, DType.FLOAT64)).isEqualTo("((double) 0x1.999999999999ap-4)");
        assertThat(CudaTypes.literal(Double.NEGATIVE_INFINITY, DType.FLOAT32)).isEqualTo("-__int_as_float(0x7f800000)");
        assertThat(CudaTypes.literal(Double.NaN, DType.FLOAT64)).contains("0x7ff8000000000000");
        assertThat(CudaTypes.literal(3.7, DType.INT32)).isEqualTo("((int) 3LL)");
    }

    @Test
    void everyScalarOpCompilesInFloat32AndFloat64WithBroadcasting() throws Exception {
        Nvcc.require();
        List<ScalarOp> ops = ScalarOps.all();
        assertThat(ops).hasSizeGreaterThan(30);
        StringBuilder unit = new StringBuilder();
        List<String> entries = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (ScalarOp op : ops) {
                ElementwiseProgram p = ElementwiseProgram.single(op, Collections.nCopies(op.arity(), dtype));
                KernelSource k = ElementwiseKernels.generate(p, 3);
                unit.append(k.code());
                entries.addAll(k.entryPoints());
            }
        }
        Nvcc.compiles(new KernelSource("every scalar op", entries, unit.toString()));
    }

    @Test
    void aFusedGroupCompilesAtEveryRankUsed() {
        Nvcc.require();
        StringBuilder unit = new StringBuilder();
        List<String> entries = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int rank : new int[] {0, 1, 2, 4}) {
                KernelSource k = ElementwiseKernels.generate(layer(dtype), rank);
                unit.append(k.code());
                entries.addAll(k.entryPoints());
            }
        }
        Nvcc.compiles(new KernelSource("fused layer", entries, unit.toString()));
    }
}
