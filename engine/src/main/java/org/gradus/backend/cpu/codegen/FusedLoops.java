package org.gradus.backend.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * Generates, compiles (in one compiler call) and loads the fused loops of a compiled function: one
 * {@link FusedKernel} per {@link Composite} node, and per single {@link Elemwise} node, whose inputs and outputs have dtypes the generated
 * loops handle ({@link LoopSource#supports}). Other nodes, and every node when no compiler is
 * present, get no kernel and run their op's interpreted {@code perform}.
 */
public final class FusedLoops {
    private FusedLoops() {
    }

    /** A kernel per node, aligned with {@code nodes}; {@code null} where the node runs interpreted. */
    public static FusedKernel[] prepare(List<Apply> nodes) {
        return prepare(nodes, LoopCompiler.shared());
    }

    static FusedKernel[] prepare(List<Apply> nodes, LoopCompiler compiler) {
        FusedKernel[] kernels = new FusedKernel[nodes.size()];
        List<Integer> positions = new ArrayList<>();
        List<LoopSource> sources = new ArrayList<>();
        List<boolean[]> strideFlags = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            Apply node = nodes.get(n);
            Composite c = asComposite(node);
            if (c == null || !handles(node)) {
                continue;
            }
            DType[] in = new DType[node.inputs().size()];
            boolean[] strideOne = new boolean[in.length];
            for (int i = 0; i < in.length; i++) {
                TensorType t = node.input(i).type();
                in[i] = t.dtype();
                strideOne[i] = t.ndim() > 0 && t.dim(t.ndim() - 1) != 1;
            }
            DType[] out = node.outputs().stream().map(TensorVariable::dtype).toArray(DType[]::new);
            positions.add(n);
            sources.add(LoopSource.of(c, in, strideOne, out));
            strideFlags.add(strideOne);
        }
        if (sources.isEmpty()) {
            return kernels;
        }
        List<FusedLoop> loops = compiler.load(sources);
        for (int k = 0; k < loops.size(); k++) {
            Apply node = nodes.get(positions.get(k));
            Composite c = asComposite(node);
            boolean[] summed = new boolean[c.outputs().size()];
            for (int o = 0; o < summed.length; o++) {
                summed[o] = c.summed().get(o);
            }
            kernels[positions.get(k)] = new FusedKernel(loops.get(k), sources.get(k), strideFlags.get(k),
                    loopRank(node, c), LoopSource.costPerElement(c), summed);
        }
        return kernels;
    }

    /**
     * The node's loop as a composite: a fused node's own, or a single elementwise op as a one-step
     * composite (a generated loop inlines the scalar op, which the interpreted kernel calls per element).
     */
    private static Composite asComposite(Apply node) {
        if (node.op() instanceof Composite c) {
            return c;
        }
        if (node.op() instanceof Elemwise e && node.outputs().size() == 1) {
            int n = node.inputs().size();
            List<Integer> operands = java.util.stream.IntStream.range(0, n).boxed().toList();
            return new Composite(n, List.of(new Composite.Step(e.scalarOp(), operands, node.output(0).dtype())),
                    List.of(n));
        }
        return null;
    }

    /** The rank of the loop: output 0's, or with a summed output the largest input rank. */
    private static int loopRank(Apply node, Composite c) {
        if (!c.hasSummedOutputs()) {
            return node.output(0).ndim();
        }
        return node.inputs().stream().mapToInt(TensorVariable::ndim).max().orElse(0);
    }

    private static boolean handles(Apply node) {
        for (TensorVariable v : node.inputs()) {
            if (!LoopSource.supports(v.dtype())) {
                return false;
            }
        }
        for (TensorVariable v : node.outputs()) {
            if (!LoopSource.supports(v.dtype())) {
                return false;
            }
        }
        return true;
    }
}
