package org.gradus.gpu.device;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.gpu.kernels.ElementwiseKernels;
import org.gradus.gpu.kernels.ElementwiseProgram;
import org.gradus.gpu.kernels.GemmKernels;
import org.gradus.gpu.kernels.KernelSource;
import org.gradus.gpu.kernels.ReductionKernels;
import org.gradus.gpu.kernels.SoftmaxKernels;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.types.DType;

/**
 * Runs the generated kernels on {@link DeviceArray}s: one call per graph node (or fused group),
 * each a kernel launch (or a cuBLAS call) on the context's stream. Outputs come from the
 * context's pooled allocator; the caller releases what it no longer needs. Needs a GPU.
 *
 * <p>Random draws and advanced indexing are in {@link DeviceSampling}.
 */
public final class DeviceExecutor {
    private static final int THREADS = 256;

    private final CudaContext context;
    private final Cublas cublas;
    private final Map<String, KernelSource> sources = new HashMap<>();

    public DeviceExecutor(CudaContext context) {
        this.context = context;
        this.cublas = Cublas.loads() ? new Cublas() : null;
    }

    /** The context this executor launches on. */
    public CudaContext context() {
        return context;
    }

    /** Whether matrix products go through cuBLAS (otherwise the tiled kernel). */
    public boolean usesCublas() {
        return cublas != null;
    }

    private KernelSource source(String key, java.util.function.Supplier<KernelSource> make) {
        return sources.computeIfAbsent(key, k -> make.get());
    }

    /** The program's outputs for these inputs, broadcast together (NumPy rules). */
    public List<DeviceArray> elementwise(ElementwiseProgram program, List<DeviceArray> inputs) {
        if (inputs.size() != program.inputs().size()) {
            throw new GradusException("the elementwise program takes " + program.inputs().size() + " inputs, got "
                    + inputs.size());
        }
        int[] out = broadcastShape(inputs);
        List<long[]> strides = new ArrayList<>();
        for (DeviceArray in : inputs) {
            strides.add(broadcastStrides(in.shape(), out));
        }
        return elementwise(program, inputs, out, strides);
    }

    /**
     * The program's outputs of shape {@code out}, reading input {@code i} at element strides
     * {@code strides.get(i)} (one per output axis, 0 where it is broadcast): transposes and other
     * axis rearrangements are the identity program with permuted strides.
     */
    public List<DeviceArray> elementwise(ElementwiseProgram program, List<DeviceArray> inputs, int[] out,
                                         List<long[]> strides) {
        KernelSource src = source("ew" + out.length + program, () -> ElementwiseKernels.generate(program, out.length));
        List<Object> args = new ArrayList<>();
        long n = 1;
        for (int d : out) {
            n *= d;
        }
        args.add(n);
        args.addAll(inputs);
        List<DeviceArray> outputs = new ArrayList<>();
        for (int o = 0; o < program.outputs().size(); o++) {
            outputs.add(DeviceArray.allocate(context.allocator(), program.outputDType(o), out));
        }
        args.addAll(outputs);
        for (int d : out) {
            args.add(d);
        }
        for (long[] st : strides) {
            for (long s : st) {
                args.add(s);
            }
        }
        if (n > 0) {
            context.launch(src, src.entryPoint(), new int[] {context.blocksFor(n, THREADS)}, new int[] {THREADS},
                    args.toArray());
        }
        return outputs;
    }

    /** NumPy broadcasting of the inputs' shapes, aligned on the last axis. */
    static int[] broadcastShape(List<DeviceArray> inputs) {
        int rank = 0;
        for (DeviceArray a : inputs) {
            rank = Math.max(rank, a.shape().length);
        }
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        for (DeviceArray a : inputs) {
            int[] s = a.shape();
            for (int i = 0; i < s.length; i++) {
                int axis = rank - s.length + i;
                if (s[i] != 1) {
                    if (out[axis] != 1 && out[axis] != s[i]) {
                        throw new ShapeException("shapes " + shapes(inputs) + " do not broadcast (axis " + axis + ")");
                    }
                    out[axis] = s[i];
                }
            }
        }
        return out;
    }

    /** Element strides of a row-major array of {@code shape} read at positions of {@code out}; 0 on broadcast axes. */
    static long[] broadcastStrides(int[] shape, int[] out) {
        long[] strides = new long[out.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            int axis = out.length - shape.length + i;
            strides[axis] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    private static String shapes(List<DeviceArray> inputs) {
        List<String> s = new ArrayList<>();
        for (DeviceArray a : inputs) {
            s.add(java.util.Arrays.toString(a.shape()));
        }
        return String.join(", ", s);
    }

    /** Reduces {@code x} with {@code kind} along {@code axis}; the axis is removed from the shape. */
    public DeviceArray reduce(ReduceKind kind, DeviceArray x, int axis) {
        KernelSource src = source("reduce" + kind + x.dtype(), () -> ReductionKernels.reduce(kind, x.dtype()));
        return alongAxis(src, x, axis, x.dtype());
    }

    /** The int64 index of the first maximum ({@code max}) or minimum along {@code axis}, NaN first. */
    public DeviceArray argExtreme(boolean max, DeviceArray x, int axis) {
        KernelSource src = source("arg" + max + x.dtype(), () -> ReductionKernels.argExtreme(max, x.dtype()));
        return alongAxis(src, x, axis, DType.INT64);
    }

    private DeviceArray alongAxis(KernelSource src, DeviceArray x, int axis, DType outDType) {
        int[] s = x.shape();
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s[i];
        }
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        int[] outShape = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != axis) {
                outShape[j++] = s[i];
            }
        }
        DeviceArray out = DeviceArray.allocate(context.allocator(), outDType, outShape);
        if (outer * inner > 0) {
            context.launch(src, src.entryPoint(), new int[] {outer * inner}, new int[] {ReductionKernels.BLOCK},
                    x, out, outer, s[axis], inner);
        }
        return out;
    }

    /** Softmax or log-softmax of each row of a matrix (a vector is one row). */
    public DeviceArray rows(SoftmaxKernels.RowOutput output, DeviceArray x) {
        KernelSource src = source("rows" + output + x.dtype(), () -> SoftmaxKernels.rows(output, x.dtype()));
        int cols = x.shape()[x.shape().length - 1];
        int rows = x.size() / Math.max(1, cols);
        DeviceArray out = DeviceArray.allocate(context.allocator(), x.dtype(), x.shape());
        if (rows > 0) {
            context.launch(src, src.entryPoint(), new int[] {rows}, new int[] {SoftmaxKernels.BLOCK}, x, out, rows, cols);
        }
        return out;
    }

    /**
     * The fused softmax cross-entropy of logits (rows × cols) with integer labels: returns
     * {@code [loss (rows), softmax (rows × cols)]}; a label outside {@code [0, cols)} is an error naming its row.
     */
    public List<DeviceArray> softmaxCrossentropy(DeviceArray logits, DeviceArray labels) {
        KernelSource src = source("xent" + logits.dtype() + labels.dtype(),
                () -> SoftmaxKernels.crossentropy(logits.dtype(), labels.dtype()));
        int rows = logits.shape()[0];
        int cols = logits.shape()[1];
        DeviceArray loss = DeviceArray.allocate(context.allocator(), logits.dtype(), rows);
        DeviceArray sm = DeviceArray.allocate(context.allocator(), logits.dtype(), rows, cols);
        DeviceArray bad = DeviceArray.upload(context.allocator(), org.gradus.tensor.NDArray.of(new int[] {0}));
        context.launch(src, src.entryPoints().get(0), new int[] {rows}, new int[] {SoftmaxKernels.BLOCK},
                logits, labels, loss, sm, bad, rows, cols);
        int badRow = (int) bad.download().getLong(0);
        bad.release(context.allocator());
        if (badRow != 0) {
            throw new GradusException("softmax cross-entropy: the label in row " + (badRow - 1)
                    + " is out of range [0, " + cols + ")");
        }
        return List.of(loss, sm);
    }

    /** The gradient of the fused cross-entropy with respect to the logits, for the loss gradient {@code g}. */
    public DeviceArray softmaxCrossentropyGrad(DeviceArray softmax, DeviceArray labels, DeviceArray g) {
        KernelSource src = source("xent" + softmax.dtype() + labels.dtype(),
                () -> SoftmaxKernels.crossentropy(softmax.dtype(), labels.dtype()));
        int rows = softmax.shape()[0];
        int cols = softmax.shape()[1];
        DeviceArray dx = DeviceArray.allocate(context.allocator(), softmax.dtype(), rows, cols);
        context.launch(src, src.entryPoints().get(1), new int[] {context.blocksFor((long) rows * cols, THREADS)},
                new int[] {THREADS}, softmax, labels, g, dx, rows, cols);
        return dx;
    }

    /** The matrix product {@code op(a) op(b)} of row-major float matrices, through cuBLAS or the tiled kernel. */
    public DeviceArray matmul(DeviceArray a, DeviceArray b, boolean transA, boolean transB) {
        int m = transA ? a.shape()[1] : a.shape()[0];
        int k = transA ? a.shape()[0] : a.shape()[1];
        int kb = transB ? b.shape()[1] : b.shape()[0];
        int n = transB ? b.shape()[0] : b.shape()[1];
        if (k != kb || a.dtype() != b.dtype()) {
            throw new ShapeException("matmul: cannot multiply " + a + (transA ? "^T" : "") + " by " + b + (transB ? "^T" : ""));
        }
        DeviceArray c = DeviceArray.allocate(context.allocator(), a.dtype(), m, n);
        if (cublas != null) {
            cublas.gemm(a.dtype(), transA, transB, m, n, k, a, a.shape()[1], b, b.shape()[1], c, n);
            context.countLaunch();
            return c;
        }
        KernelSource src = source("gemm" + a.dtype(), () -> GemmKernels.tiled(a.dtype()));
        int t = GemmKernels.TILE;
        Object one = a.dtype() == DType.FLOAT32 ? (Object) 1f : (Object) 1.0;
        Object zero = a.dtype() == DType.FLOAT32 ? (Object) 0f : (Object) 0.0;
        context.launch(src, src.entryPoint(), new int[] {(n + t - 1) / t, (m + t - 1) / t}, new int[] {t, t},
                a, b, c, m, n, k, a.shape()[1], b.shape()[1], n, transA ? 1 : 0, transB ? 1 : 0, one, zero);
        return c;
    }
}
