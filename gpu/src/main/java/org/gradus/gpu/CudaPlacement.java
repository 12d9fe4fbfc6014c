package org.gradus.gpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.gradus.backend.NodePlacement;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.indexing.AxisIndex;
import org.gradus.ops.indexing.Subtensor;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.nnet.LogSoftmax;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.nnet.SoftmaxCrossentropyWithLogits;
import org.gradus.ops.random.RandomDraw;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.ops.shape.Shape;
import org.gradus.tensor.TensorVariable;

/**
 * The CUDA backend's capability table: which nodes run on the device, where each reads and writes,
 * and how many kernels each launches. {@link org.gradus.gpu.device.CudaKernels} runs exactly these;
 * the test suite's fake device uses the same table, so placement and transfer counts measured on a
 * CPU machine are those of the GPU.
 */
public final class CudaPlacement {
    private CudaPlacement() {
    }

    /** Where {@code node} runs on the device, or empty when it stays on the host. */
    public static Optional<NodePlacement> of(Apply node) {
        Op op = node.op();
        // a Composite with summed outputs (a CPU-only fusion) has no device kernel
        if (op instanceof Elemwise || op instanceof Composite c && !c.hasSummedOutputs() || op instanceof DimShuffle) {
            return Optional.of(NodePlacement.allOnDevice(node));
        }
        boolean floats = !node.inputs().isEmpty() && node.input(0).dtype().isFloat();
        if (op instanceof Reduce && floats
                || (op instanceof Softmax || op instanceof LogSoftmax) && floats && node.input(0).ndim() == 2
                || op instanceof SoftmaxCrossentropyWithLogits && floats
                || op instanceof Gemm) {
            return Optional.of(NodePlacement.allOnDevice(node));
        }
        if (op instanceof Dot && matrices(node.inputs())) {
            return Optional.of(NodePlacement.allOnDevice(node));
        }
        if (op instanceof Shape) {
            return Optional.of(new NodePlacement(List.of(true), List.of(false)));
        }
        if (op instanceof Subtensor s && rowSlice(s) && node.input(0).ndim() >= 1) {
            int[] hostInputs = new int[node.inputs().size() - 1];
            for (int i = 0; i < hostInputs.length; i++) {
                hostInputs[i] = i + 1;
            }
            return Optional.of(NodePlacement.withHostInputs(node, hostInputs));
        }
        if (op instanceof RandomDraw) {
            return Optional.of(new NodePlacement(Collections.nCopies(node.inputs().size(), false), List.of(false, true)));
        }
        return Optional.empty();
    }

    /** The kernels a device node launches (0 for a shape, which is known on the host). */
    public static int launches(Apply node, Op op) {
        if (op instanceof Shape) {
            return 0;
        }
        if (op instanceof Gemm) {
            return 2;
        }
        if (op instanceof Reduce r) {
            return Math.max(1, r.axes().size());
        }
        return 1;
    }

    /** Whether a subtensor is one slice of contiguous rows: {@code x[a:b]} with no step or step 1. */
    public static boolean rowSlice(Subtensor s) {
        if (s.pattern().size() != 1) {
            return false;
        }
        AxisIndex i = s.pattern().get(0);
        return !i.point() && (i.step().kind() == AxisIndex.Bound.Kind.ABSENT
                || i.step().kind() == AxisIndex.Bound.Kind.CONSTANT && i.step().constant() == 1);
    }

    private static boolean matrices(List<TensorVariable> inputs) {
        List<TensorVariable> all = new ArrayList<>(inputs);
        return all.stream().allMatch(v -> v.dtype().isFloat() && v.ndim() == 2) && all.get(0).dtype() == all.get(1).dtype();
    }
}
