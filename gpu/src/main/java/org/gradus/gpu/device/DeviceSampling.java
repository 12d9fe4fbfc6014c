package org.gradus.gpu.device;

import org.gradus.GradusException;
import org.gradus.gpu.kernels.IndexingKernels;
import org.gradus.gpu.kernels.KernelSource;
import org.gradus.gpu.kernels.PhiloxKernels;
import org.gradus.ops.random.Distribution;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * Random draws (the CPU's Philox stream, element for element) and advanced-indexing gather and
 * scatter-add on the device. Needs a GPU.
 */
public final class DeviceSampling {
    private static final int THREADS = 256;
    private final CudaContext context;

    public DeviceSampling(CudaContext context) {
        this.context = context;
    }

    /** A sample and the state counter after it, as {@code RandomDraw} returns them on the CPU. */
    public record Draw(DeviceArray sample, long nextCounter) {
    }

    /**
     * Draws from {@code distribution} into a new array of {@code dtype} and {@code shape}, reading the
     * Philox stream of {@code [key, counter]}; parameters are read at {@code i % length}.
     */
    public Draw draw(Distribution distribution, DType dtype, int[] shape, long key, long counter, double[]... params) {
        distribution.checkDType(dtype);
        DeviceArray out = DeviceArray.allocate(context.allocator(), dtype, shape);
        long n = out.size();
        long next = counter + PhiloxKernels.blocksUsed(distribution, dtype, n);
        if (n == 0) {
            return new Draw(out, next);
        }
        KernelSource src = PhiloxKernels.kernels(dtype);
        int[] grid = {context.blocksFor(n, THREADS)};
        int[] block = {THREADS};
        DeviceArray p0 = DeviceArray.upload(context.allocator(), NDArray.of(params[0]));
        try {
            if (distribution instanceof Distribution.Binomial b) {
                DeviceArray bad = DeviceArray.upload(context.allocator(), NDArray.of(new int[] {0}));
                context.launch(src, "gradus_random_binomial_" + dtype.numpyName(), grid, block,
                        key, counter, n, b.trials(), p0, (long) params[0].length, out, bad);
                int badElement = (int) bad.download().getLong(0);
                bad.release(context.allocator());
                if (badElement != 0) {
                    throw new GradusException("binomial: the probability p must lie in [0, 1] at element "
                            + (badElement - 1));
                }
            } else {
                DeviceArray p1 = DeviceArray.upload(context.allocator(), NDArray.of(params[1]));
                String kind = distribution instanceof Distribution.Uniform ? "uniform" : "normal";
                context.launch(src, "gradus_random_" + kind + "_" + dtype.numpyName(), grid, block,
                        key, counter, n, p0, (long) params[0].length, p1, (long) params[1].length, out);
                context.synchronize();
                p1.release(context.allocator());
            }
        } finally {
            context.synchronize();
            p0.release(context.allocator());
        }
        return new Draw(out, next);
    }

    /** {@code out[r*inner + j] = x[rowOffsets[r] + j]}: the rows of {@code x} that advanced indexing selects. */
    public DeviceArray gather(DeviceArray x, long[] rowOffsets, int[] outShape) {
        KernelSource src = IndexingKernels.gatherScatter(x.dtype());
        DeviceArray out = DeviceArray.allocate(context.allocator(), x.dtype(), outShape);
        long rows = rowOffsets.length;
        long inner = rows == 0 ? 0 : out.size() / rows;
        DeviceArray offsets = DeviceArray.upload(context.allocator(), NDArray.of(rowOffsets));
        if (out.size() > 0) {
            context.launch(src, src.entryPoints().get(0), new int[] {context.blocksFor(out.size(), THREADS)},
                    new int[] {THREADS}, x, offsets, out, rows, inner);
        }
        context.synchronize();
        offsets.release(context.allocator());
        return out;
    }

    /** Adds row {@code r % valueRows} of {@code value} into {@code target} at {@code rowOffsets[r]}, in place. */
    public void scatterAdd(DeviceArray target, DeviceArray value, long[] rowOffsets, long inner) {
        KernelSource src = IndexingKernels.gatherScatter(target.dtype());
        long rows = rowOffsets.length;
        long valueRows = Math.max(1, value.size() / Math.max(1, inner));
        DeviceArray offsets = DeviceArray.upload(context.allocator(), NDArray.of(rowOffsets));
        if (rows * inner > 0) {
            context.launch(src, src.entryPoints().get(1), new int[] {context.blocksFor(rows * inner, THREADS)},
                    new int[] {THREADS}, value, offsets, target, rows, inner, valueRows);
        }
        context.synchronize();
        offsets.release(context.allocator());
    }
}
