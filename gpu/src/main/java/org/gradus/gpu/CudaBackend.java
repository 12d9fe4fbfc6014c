package org.gradus.gpu;

import org.gradus.backend.Availability;
import org.gradus.backend.Backend;
import org.gradus.gpu.compiler.KernelCompilers;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.indexing.AdvancedIncSubtensor;
import org.gradus.ops.indexing.AdvancedSubtensor;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.nnet.CategoricalCrossentropy1Hot;
import org.gradus.ops.nnet.LogSoftmax;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.random.RandomDraw;
import org.gradus.ops.reduce.Argmax;
import org.gradus.ops.reduce.Reduce;

/**
 * The CUDA backend ({@code device=cuda}). Available when the driver reports a device and a kernel
 * compiler (NVRTC or nvcc) is found. Its capability table is the set of ops the device executor
 * has kernels for: every elementwise op (fused or not, any dtype), reductions and arg-extremes of
 * floats, softmax, log-softmax and the label cross-entropy, matrix products of vectors and
 * matrices, advanced indexing and its incrementing gradient, and random draws.
 */
public final class CudaBackend implements Backend {
    /** The device name that selects this backend. */
    public static final String NAME = "cuda";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        CudaProbe.Result probe = CudaProbe.result();
        if (probe.device().isEmpty()) {
            return Availability.no(probe.reason());
        }
        if (KernelCompilers.find().isEmpty()) {
            return Availability.no("no CUDA kernel compiler: " + KernelCompilers.describe());
        }
        return Availability.yes(probe.reason());
    }

    @Override
    public boolean supports(Apply node) {
        Op op = node.op();
        if (op instanceof Elemwise || op instanceof RandomDraw) {
            return true;
        }
        boolean floats = node.inputs().get(0).dtype().isFloat();
        if (op instanceof Reduce || op instanceof Argmax || op instanceof Softmax || op instanceof LogSoftmax
                || op instanceof CategoricalCrossentropy1Hot || op instanceof AdvancedSubtensor) {
            return floats;
        }
        if (op instanceof AdvancedIncSubtensor inc) {
            return floats && !inc.set();
        }
        if (op instanceof Dot) {
            return node.inputs().stream().allMatch(v -> v.dtype().isFloat() && v.ndim() >= 1 && v.ndim() <= 2)
                    && node.inputs().get(0).dtype() == node.inputs().get(1).dtype();
        }
        return false;
    }

    @Override
    public String statusReport() {
        return CudaStatus.report();
    }
}
