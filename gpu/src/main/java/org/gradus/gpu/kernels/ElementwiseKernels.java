package org.gradus.gpu.kernels;

import java.util.ArrayList;
import java.util.List;
import org.gradus.gpu.kernels.ElementwiseProgram.Input;
import org.gradus.gpu.kernels.ElementwiseProgram.Literal;
import org.gradus.gpu.kernels.ElementwiseProgram.Operand;
import org.gradus.gpu.kernels.ElementwiseProgram.Result;
import org.gradus.gpu.kernels.ElementwiseProgram.Step;
import org.gradus.types.DType;

/**
 * The one template for elementwise kernels: a grid-stride loop over the {@code n} output elements
 * of an output of rank {@code R}; each thread splits its flat index into coordinates and finds each
 * input's element with that input's strides (0 along broadcast axes), then runs the program's steps
 * as scalar code spliced from the ops' {@code cudaExpression} fragments.
 *
 * <p>Kernel parameters, in order: {@code long long n}; the inputs (one {@code const T*} each); the
 * outputs (one {@code T*} each, contiguous, row-major); the output lengths {@code int d0..d(R-1)};
 * then for each input its element strides {@code long long s<i>_0..s<i>_(R-1)}.
 *
 * <p>Each step computes in the common dtype of its operands (or in its own float dtype when the op
 * turns integers into floats, like {@code exp}), so float32 programs stay in float32 on the device.
 */
public final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    /** The kernel of {@code program} for outputs of rank {@code rank}. */
    public static KernelSource generate(ElementwiseProgram program, int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0, got " + rank);
        }
        String name = kernelName(program, rank);
        StringBuilder c = new StringBuilder();
        c.append("// Gradus elementwise kernel: ").append(describe(program)).append(", rank ").append(rank).append('\n');
        c.append("extern \"C\" __global__ void ").append(name).append("(long long n");
        for (int i = 0; i < program.inputs().size(); i++) {
            c.append(", const ").append(CudaTypes.of(program.inputs().get(i))).append("* __restrict__ in").append(i);
        }
        for (int o = 0; o < program.outputs().size(); o++) {
            c.append(", ").append(CudaTypes.of(program.outputDType(o))).append("* __restrict__ out").append(o);
        }
        for (int a = 0; a < rank; a++) {
            c.append(", int d").append(a);
        }
        for (int i = 0; i < program.inputs().size(); i++) {
            for (int a = 0; a < rank; a++) {
                c.append(", long long s").append(i).append('_').append(a);
            }
        }
        c.append(") {\n");
        c.append("  for (long long idx = blockIdx.x * (long long) blockDim.x + threadIdx.x; idx < n;\n");
        c.append("       idx += (long long) blockDim.x * gridDim.x) {\n");
        appendOffsets(c, program.inputs().size(), rank);
        for (int i = 0; i < program.inputs().size(); i++) {
            String t = CudaTypes.of(program.inputs().get(i));
            c.append("    const ").append(t).append(" a").append(i).append(" = in").append(i).append("[o").append(i).append("];\n");
        }
        for (int k = 0; k < program.steps().size(); k++) {
            Step s = program.steps().get(k);
            DType compute = computeType(program, s);
            List<String> args = new ArrayList<>();
            for (Operand o : s.operands()) {
                args.add(operand(program, o, compute));
            }
            String t = CudaTypes.of(s.dtype());
            c.append("    const ").append(t).append(" v").append(k).append(" = (").append(t).append(") (")
                    .append(s.op().cudaExpression(args)).append(");  // ").append(s.op().name()).append('\n');
        }
        for (int o = 0; o < program.outputs().size(); o++) {
            c.append("    out").append(o).append("[idx] = v").append(program.outputs().get(o)).append(";\n");
        }
        c.append("  }\n}\n");
        return new KernelSource("elementwise " + describe(program) + " rank " + rank, List.of(name), c.toString());
    }

    private static void appendOffsets(StringBuilder c, int inputs, int rank) {
        for (int i = 0; i < inputs; i++) {
            c.append("    long long o").append(i).append(" = 0;\n");
        }
        if (rank == 0 || inputs == 0) {
            return;
        }
        c.append("    long long rest = idx;\n");
        for (int a = rank - 1; a >= 0; a--) {
            c.append("    { const long long coord = rest % d").append(a).append("; rest /= d").append(a).append(";");
            for (int i = 0; i < inputs; i++) {
                c.append(" o").append(i).append(" += coord * s").append(i).append('_').append(a).append(';');
            }
            c.append(" }\n");
        }
    }

    /** The dtype a step computes in: the operands' common dtype, or the step's float dtype when it is float. */
    static DType computeType(ElementwiseProgram program, Step s) {
        DType common = program.dtypeOf(s.operands().get(0));
        for (Operand o : s.operands()) {
            common = DType.upcast(common, program.dtypeOf(o));
        }
        return s.dtype().isFloat() && !common.isFloat() ? s.dtype() : common;
    }

    private static String operand(ElementwiseProgram program, Operand o, DType compute) {
        if (o instanceof Literal lit) {
            return CudaTypes.literal(lit.value(), compute);
        }
        String name = o instanceof Input in ? "a" + in.index() : "v" + ((Result) o).step();
        return program.dtypeOf(o) == compute ? name : "((" + CudaTypes.of(compute) + ") " + name + ")";
    }

    /** The op names of the program in order, e.g. {@code "mul, add, tanh"}. */
    public static String describe(ElementwiseProgram program) {
        List<String> names = new ArrayList<>();
        for (Step s : program.steps()) {
            names.add(s.op().name());
        }
        return "[" + String.join(", ", names) + "] on " + program.inputs();
    }

    private static String kernelName(ElementwiseProgram program, int rank) {
        StringBuilder n = new StringBuilder("gradus_ew");
        for (Step s : program.steps()) {
            if (n.length() > 48) {
                n.append("_etc");
                break;
            }
            n.append('_').append(s.op().name().replaceAll("[^A-Za-z0-9]", ""));
        }
        // a short hash of the whole program (ops, dtypes, literals) keeps names unique within one module
        String hash = org.gradus.gpu.compiler.KernelCache.key(program.toString(), "", "").substring(0, 8);
        return n.append("_r").append(rank).append('_').append(hash).toString();
    }
}
