package org.gradus.gpu.device;

import java.util.ArrayList;
import java.util.List;
import org.gradus.GradusException;
import org.gradus.backend.device.DeviceKernels;
import org.gradus.backend.device.Residency;
import org.gradus.graph.Apply;
import org.gradus.gpu.kernels.CompositePrograms;
import org.gradus.gpu.kernels.ElementwiseProgram;
import org.gradus.gpu.kernels.SoftmaxKernels;
import org.gradus.ops.Op;
import org.gradus.ops.device.OnDevice;
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
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.ops.shape.Shape;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * The CUDA side of {@link org.gradus.backend.device.DeviceRunner}: each op of the table in
 * {@link org.gradus.gpu.CudaPlacement} as calls of the {@link DeviceExecutor} (fused groups as one
 * generated kernel, products through cuBLAS, reductions, softmax, the fused cross-entropy, axis
 * rearrangements as strided copies) and {@link DeviceSampling} (row slices, Philox draws). One
 * instance per process, on device 0; needs a GPU.
 */
public final class CudaKernels implements DeviceKernels<DeviceArray> {
    private static CudaKernels shared;

    private final CudaContext context;
    private final DeviceExecutor executor;
    private final DeviceSampling sampling;
    private final Residency<DeviceArray> residency;

    private CudaKernels(CudaContext context) {
        this.context = context;
        this.executor = new DeviceExecutor(context);
        this.sampling = new DeviceSampling(context);
        this.residency = new Residency<>(this);
    }

    /** The process-wide instance, opening device 0 on first use. */
    public static synchronized CudaKernels shared() {
        if (shared == null) {
            shared = new CudaKernels(new CudaContext());
        }
        return shared;
    }

    /** The shared variables this device holds. */
    public Residency<DeviceArray> residency() {
        return residency;
    }

    /** The context the kernels launch on. */
    public CudaContext context() {
        return context;
    }

    @Override
    public DeviceArray upload(NDArray host) {
        return DeviceArray.upload(context.allocator(), host);
    }

    @Override
    public NDArray download(DeviceArray device) {
        return device.download();
    }

    @Override
    public DeviceArray copy(DeviceArray device) {
        return executor.elementwise(ElementwiseProgram.single(new org.gradus.ops.scalar.Identity(),
                List.of(device.dtype())), List.of(device)).get(0);
    }

    @Override
    public void release(DeviceArray device) {
        device.release(context.allocator());
    }

    @Override
    public long launches() {
        return context.launches();
    }

    @Override
    public Object[] run(OnDevice placed, Apply node, Object[] args) {
        Op op = placed.op();
        if (op instanceof Elemwise e) {
            return executor.elementwise(CompositePrograms.of(e, dtypes(args), node.output(0).dtype()), devices(args))
                    .toArray();
        }
        if (op instanceof Composite c) {
            return executor.elementwise(CompositePrograms.of(c, dtypes(args)), devices(args)).toArray();
        }
        if (op instanceof Gemm g) {
            return new Object[] {gemm(g, args)};
        }
        if (op instanceof Dot) {
            return new Object[] {executor.matmul(dev(args[0]), dev(args[1]), false, false)};
        }
        if (op instanceof Reduce r) {
            return new Object[] {reduce(r, dev(args[0]))};
        }
        if (op instanceof Softmax || op instanceof LogSoftmax) {
            SoftmaxKernels.RowOutput out = op instanceof Softmax ? SoftmaxKernels.RowOutput.SOFTMAX
                    : SoftmaxKernels.RowOutput.LOG_SOFTMAX;
            return new Object[] {executor.rows(out, dev(args[0]))};
        }
        if (op instanceof SoftmaxCrossentropyWithLogits) {
            List<DeviceArray> lossAndSoftmax = executor.softmaxCrossentropy(dev(args[0]), dev(args[1]));
            release(lossAndSoftmax.get(1));
            return new Object[] {lossAndSoftmax.get(0)};
        }
        if (op instanceof DimShuffle d) {
            return new Object[] {dimshuffle(d, dev(args[0]))};
        }
        if (op instanceof Shape) {
            int[] shape = dev(args[0]).shape();
            long[] s = new long[shape.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = shape[i];
            }
            return new Object[] {NDArray.of(s)};
        }
        if (op instanceof Subtensor s) {
            return new Object[] {rowSlice(s, dev(args[0]), args)};
        }
        if (op instanceof RandomDraw r) {
            return draw(r, args);
        }
        throw new GradusException("the CUDA backend has no kernel for " + op.name() + " (placed at " + node.site() + ")");
    }

    private DeviceArray gemm(Gemm gemm, Object[] args) {
        DeviceArray c = dev(args[0]);
        DeviceArray product = executor.matmul(dev(args[2]), dev(args[3]), gemm.transA(), gemm.transB());
        DType t = product.dtype();
        ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
        var cIn = b.input(t);
        var alpha = b.input(t);
        var p = b.input(t);
        var beta = b.input(t);
        b.output(b.apply(new Add(), List.of(b.apply(new Mul(), List.of(beta, cIn)), b.apply(new Mul(), List.of(alpha, p)))));
        DeviceArray out = executor.elementwise(b.build(), List.of(c, dev(args[1]), product, dev(args[4]))).get(0);
        release(product);
        return out;
    }

    private DeviceArray reduce(Reduce r, DeviceArray x) {
        if (r.axes().isEmpty()) {
            return copy(x);
        }
        List<Integer> axes = new ArrayList<>(r.axes());
        axes.sort(java.util.Comparator.reverseOrder());
        DeviceArray cur = x;
        for (int axis : axes) {
            DeviceArray next = executor.reduce(r.kind(), cur, axis);
            if (cur != x) {
                release(cur);
            }
            cur = next;
        }
        return cur;
    }

    private DeviceArray dimshuffle(DimShuffle d, DeviceArray x) {
        int[] in = x.shape();
        long[] inStrides = new long[in.length];
        long stride = 1;
        for (int a = in.length - 1; a >= 0; a--) {
            inStrides[a] = stride;
            stride *= in[a];
        }
        int[] out = new int[d.order().size()];
        long[] strides = new long[out.length];
        for (int i = 0; i < out.length; i++) {
            int from = d.order().get(i);
            out[i] = from < 0 ? 1 : in[from];
            strides[i] = from < 0 || out[i] == 1 ? 0 : inStrides[from];
        }
        return executor.elementwise(ElementwiseProgram.single(new org.gradus.ops.scalar.Identity(), List.of(x.dtype())),
                List.of(x), out, List.of(strides)).get(0);
    }

    private DeviceArray rowSlice(Subtensor s, DeviceArray x, Object[] args) {
        AxisIndex index = s.pattern().get(0);
        int next = 1;
        int rows = x.shape()[0];
        long start = 0;
        long stop = rows;
        if (index.start().kind() != AxisIndex.Bound.Kind.ABSENT) {
            start = index.start().kind() == AxisIndex.Bound.Kind.CONSTANT ? index.start().constant()
                    : host(args[next++]).getLong(0);
        }
        if (index.stop().kind() != AxisIndex.Bound.Kind.ABSENT) {
            stop = index.stop().kind() == AxisIndex.Bound.Kind.CONSTANT ? index.stop().constant()
                    : host(args[next++]).getLong(0);
        }
        start = clamp(start < 0 ? start + rows : start, rows);
        stop = clamp(stop < 0 ? stop + rows : stop, rows);
        int count = (int) Math.max(0, stop - start);
        int inner = rows == 0 ? 0 : x.size() / rows;
        long[] offsets = new long[count];
        for (int r = 0; r < count; r++) {
            offsets[r] = (start + r) * inner;
        }
        int[] shape = x.shape().clone();
        shape[0] = count;
        return sampling.gather(x, offsets, shape);
    }

    private static long clamp(long v, int rows) {
        return Math.max(0, Math.min(rows, v));
    }

    private Object[] draw(RandomDraw r, Object[] args) {
        NDArray state = host(args[0]);
        NDArray shapeVector = host(args[1]);
        int[] shape = new int[shapeVector.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) shapeVector.getLong(i);
        }
        double[][] params = new double[args.length - 2][];
        for (int j = 0; j < params.length; j++) {
            NDArray p = host(args[2 + j]);
            if (p.size() != 1 && !trailing(p.shape(), shape)) {
                throw new GradusException(r.name() + " on CUDA: parameter " + j + " of shape "
                        + java.util.Arrays.toString(p.shape()) + " must be a scalar or match the sample's last axes "
                        + java.util.Arrays.toString(shape));
            }
            params[j] = p.toDoubleArray();
        }
        DeviceSampling.Draw d = sampling.draw(r.distribution(), r.dtype(), shape, state.getLong(0), state.getLong(1), params);
        return new Object[] {NDArray.of(new long[] {state.getLong(0), d.nextCounter()}), d.sample()};
    }

    private static boolean trailing(int[] p, int[] shape) {
        if (p.length > shape.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (p[p.length - 1 - i] != shape[shape.length - 1 - i]) {
                return false;
            }
        }
        return true;
    }

    private static List<DType> dtypes(Object[] args) {
        List<DType> d = new ArrayList<>();
        for (Object a : args) {
            d.add(dev(a).dtype());
        }
        return d;
    }

    private static List<DeviceArray> devices(Object[] args) {
        List<DeviceArray> d = new ArrayList<>();
        for (Object a : args) {
            d.add(dev(a));
        }
        return d;
    }

    private static DeviceArray dev(Object a) {
        return (DeviceArray) a;
    }

    private static NDArray host(Object a) {
        return (NDArray) a;
    }
}
