package org.gradus.ops.elemwise;

import org.gradus.backend.cpu.CpuThreads;
import org.gradus.ops.scalar.BinaryScalarOp;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.UnaryScalarOp;
import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * The CPU loop of {@link Elemwise}: applies a scalar op over broadcast operands in runs of at most
 * {@value #BLOCK} elements. For each run, every operand becomes a plain {@code double[]} slice: a
 * float64 operand read in place, a float32 or integer one converted into a small scratch row, and a
 * broadcast one (stride 0) filled with its value. The op then runs over the slices in one tight loop,
 * and the result is stored (converted if needed) into the output.
 *
 * <p>Runs follow the output's last axis, except when every operand either has the output's shape or
 * a single element: then the whole array is one flat range, cut into runs and, above a size threshold,
 * split over the cores.
 */
final class ElemwiseKernel {
    static final int BLOCK = 1024;
    private static final int SPLIT_ELEMENTS = 1 << 16;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][BLOCK]);

    private ElemwiseKernel() {
    }

    static void run(ScalarOp op, NDArray[] inputs, NDArray out) {
        int n = out.size();
        if (n == 0) {
            return;
        }
        if (isFlat(inputs, out)) {
            int[] strides = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                strides[i] = inputs[i].size() == 1 && n != 1 ? 0 : 1;
            }
            if (n >= SPLIT_ELEMENTS && CpuThreads.worthSplitting((long) n * 16)) {
                int parts = CpuThreads.parallelism();
                CpuThreads.forEach(parts, part -> {
                    int s = CpuThreads.partStart(n, parts, part, BLOCK);
                    int e = CpuThreads.partStart(n, parts, part + 1, BLOCK);
                    range(op, inputs, strides, flatStarts(strides, s), out, s, e - s);
                });
            } else {
                range(op, inputs, strides, flatStarts(strides, 0), out, 0, n);
            }
            return;
        }
        int ndim = out.ndim();
        int[] shape = out.shape();
        int[][] strides = new int[inputs.length][];
        int[] last = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            strides[i] = Elemwise.broadcastStrides(inputs[i], ndim);
            last[i] = strides[i][ndim - 1];
        }
        int[] counter = new int[ndim];
        int[] offsets = new int[inputs.length];
        int inner = shape[ndim - 1];
        for (int flat = 0; flat < n; flat += inner) {
            range(op, inputs, last, offsets, out, flat, inner);
            // advance the odometer over all axes but the last
            for (int axis = ndim - 2; axis >= 0; axis--) {
                counter[axis]++;
                for (int i = 0; i < inputs.length; i++) {
                    offsets[i] += strides[i][axis];
                }
                if (counter[axis] < shape[axis]) {
                    break;
                }
                for (int i = 0; i < inputs.length; i++) {
                    offsets[i] -= strides[i][axis] * shape[axis];
                }
                counter[axis] = 0;
            }
        }
    }

    /** Where each operand's run begins when the output run begins at flat index {@code start}. */
    private static int[] flatStarts(int[] strides, int start) {
        int[] starts = new int[strides.length];
        for (int i = 0; i < strides.length; i++) {
            starts[i] = strides[i] * start;
        }
        return starts;
    }

    /** Whether each operand has the output's number of elements and rank, or exactly one element. */
    private static boolean isFlat(NDArray[] inputs, NDArray out) {
        for (NDArray a : inputs) {
            boolean same = a.size() == out.size() && a.ndim() == out.ndim();
            if (!same && a.size() != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Computes {@code length} output elements from flat index {@code outStart}; operand i starts at
     * flat index {@code starts[i]} and moves by {@code strides[i]} (0 or 1).
     */
    private static void range(ScalarOp op, NDArray[] inputs, int[] strides, int[] starts, NDArray out, int outStart,
                              int length) {
        if (ArithmeticLoops.tryRun(op, inputs, strides, starts, out, outStart, length)) {
            return;
        }
        double[][] scratch = inputs.length < 4 ? SCRATCH.get() : new double[inputs.length + 1][BLOCK];
        double[][] src = new double[inputs.length][];
        int[] srcOff = new int[inputs.length];
        double[] z = out.dtype() == DType.FLOAT64 ? out.float64Data() : null;
        for (int done = 0; done < length; done += BLOCK) {
            int len = Math.min(BLOCK, length - done);
            for (int i = 0; i < inputs.length; i++) {
                int start = starts[i] + strides[i] * done;
                slice(inputs[i], strides[i], start, len, scratch[i], src, srcOff, i);
            }
            double[] dst = z != null ? z : scratch[scratch.length - 1];
            int dstOff = z != null ? outStart + done : 0;
            apply(op, src, srcOff, dst, dstOff, len);
            if (z == null) {
                store(dst, out, outStart + done, len);
            }
        }
    }

    /** Makes {@code src[i]} / {@code srcOff[i]} a double slice of {@code len} elements of operand {@code a}. */
    private static void slice(NDArray a, int stride, int start, int len, double[] buffer, double[][] src,
                              int[] srcOff, int i) {
        if (stride == 0) {
            java.util.Arrays.fill(buffer, 0, len, a.get(start));
            src[i] = buffer;
            srcOff[i] = 0;
        } else if (a.dtype() == DType.FLOAT64) {
            src[i] = a.float64Data();
            srcOff[i] = start;
        } else if (a.dtype() == DType.FLOAT32) {
            float[] x = a.float32Data();
            for (int j = 0; j < len; j++) {
                buffer[j] = x[start + j];
            }
            src[i] = buffer;
            srcOff[i] = 0;
        } else {
            for (int j = 0; j < len; j++) {
                buffer[j] = a.get(start + j);
            }
            src[i] = buffer;
            srcOff[i] = 0;
        }
    }

    private static void apply(ScalarOp op, double[][] src, int[] off, double[] dst, int dstOff, int len) {
        if (op instanceof UnaryScalarOp) {
            UnaryScalarOp u = (UnaryScalarOp) op;
            double[] x = src[0];
            int o = off[0];
            for (int j = 0; j < len; j++) {
                dst[dstOff + j] = u.apply(x[o + j]);
            }
        } else if (op instanceof BinaryScalarOp) {
            BinaryScalarOp b = (BinaryScalarOp) op;
            double[] x = src[0];
            double[] y = src[1];
            int ox = off[0];
            int oy = off[1];
            for (int j = 0; j < len; j++) {
                dst[dstOff + j] = b.apply(x[ox + j], y[oy + j]);
            }
        } else {
            double[] args = new double[src.length];
            for (int j = 0; j < len; j++) {
                for (int i = 0; i < src.length; i++) {
                    args[i] = src[i][off[i] + j];
                }
                dst[dstOff + j] = op.compute(args);
            }
        }
    }

    private static void store(double[] values, NDArray out, int start, int len) {
        if (out.dtype() == DType.FLOAT32) {
            float[] z = out.float32Data();
            for (int j = 0; j < len; j++) {
                z[start + j] = (float) values[j];
            }
        } else {
            for (int j = 0; j < len; j++) {
                out.set(start + j, values[j]);
            }
        }
    }
}
