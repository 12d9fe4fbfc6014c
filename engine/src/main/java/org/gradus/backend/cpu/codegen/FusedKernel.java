package org.gradus.backend.cpu.codegen;

import java.util.function.IntConsumer;
import org.gradus.backend.cpu.CpuThreads;
import org.gradus.tensor.NDArray;

/**
 * Runs a generated {@link FusedLoop} over run-time arrays. When every input either has the output's
 * size (and moves along the innermost axis) or is a single element, the whole output is one flat
 * loop; otherwise the loop runs once per row of the output's last axis, each input's row start found
 * by index arithmetic over the outer axes (0 stride along broadcast axes). Above a size threshold the
 * flat range or the rows are split over {@link CpuThreads}.
 *
 * <p>A summed output (see {@link org.gradus.ops.elemwise.Composite}) is not written by the loop: each
 * part adds its elements into its own one-element {@code double[]}, and after every part finished the
 * partial sums are added in part order and stored, rounded to the output's dtype, into the 0-d output.
 * The loop's shape is then the broadcast of the inputs' shapes.
 *
 * <p>A kernel keeps its scratch (typed array views, offsets, odometers) between calls, so a call
 * allocates nothing unless it is split over threads. Like the execution plan that owns it, it is not
 * thread-safe.
 */
public final class FusedKernel {
    /** Element operations (about four per step and per element) above which a loop is split. */
    private static final int MIN_SPLIT_ELEMENTS = 1 << 11;

    private final FusedLoop loop;
    private final LoopSource source;
    private final boolean[] innerStrideOne;
    private final int ndim;
    private final long costPerElement;
    private final Object[] inData;
    private final Object[] outData;
    private final int[][] strides;
    private final int[][] partOffsets;
    private final int[][] partCounters;
    private final boolean[] summed;
    private final boolean anySummed;
    /** Per part, the arrays its block writes: the outputs' storage, or the part's partial sums. */
    private final Object[][] partOut;
    private final double[][][] partSums;
    private final IntConsumer partBody = this::runPart;
    private final int[] shape;
    private int callElements;
    private int callParts;
    private boolean callFlat;

    FusedKernel(FusedLoop loop, LoopSource source, boolean[] innerStrideOne, int ndim, long costPerElement,
                boolean[] summed) {
        this.loop = loop;
        this.source = source;
        this.innerStrideOne = innerStrideOne.clone();
        this.ndim = ndim;
        this.costPerElement = costPerElement;
        int n = innerStrideOne.length;
        int parts = CpuThreads.parallelism();
        inData = new Object[n];
        int outputs = summed.length;
        outData = new Object[outputs];
        this.summed = summed.clone();
        boolean any = false;
        for (boolean b : summed) {
            any |= b;
        }
        anySummed = any;
        partOut = new Object[parts][outputs];
        partSums = new double[parts][outputs][1];
        strides = new int[n][ndim];
        partOffsets = new int[parts][n];
        partCounters = new int[parts][Math.max(1, ndim)];
        shape = new int[ndim];
    }

    /** The generated Java source this kernel runs. */
    public String source() {
        return source.source();
    }

    /** Computes every output element; the arrays must be contiguous with the dtypes the loop was generated for. */
    public void run(NDArray[] inputs, NDArray[] outputs) {
        int n = loopShape(inputs, outputs[0]);
        if (n == 0) {
            for (int o = 0; o < outputs.length; o++) {
                if (summed[o]) {
                    outputs[o].set(0, 0.0);
                }
            }
            return;
        }
        for (int i = 0; i < inputs.length; i++) {
            inData[i] = data(inputs[i]);
        }
        for (int o = 0; o < outputs.length; o++) {
            outData[o] = summed[o] ? null : data(outputs[o]);
        }
        boolean flat = true;
        for (int i = 0; i < inputs.length && flat; i++) {
            flat = innerStrideOne[i] ? inputs[i].size() == n : inputs[i].size() == 1;
        }
        callFlat = flat || ndim == 0;
        callElements = n;
        if (!callFlat) {
            prepareRows(inputs);
        }
        int units = callFlat ? n : n / shape[ndim - 1];
        int parts = n >= MIN_SPLIT_ELEMENTS && CpuThreads.worthSplitting(n * costPerElement)
                ? Math.min(CpuThreads.parallelism(), units) : 1;
        callParts = parts;
        for (int p = 0; p < Math.max(1, parts); p++) {
            for (int o = 0; o < outData.length; o++) {
                partSums[p][o][0] = 0;
                partOut[p][o] = summed[o] ? partSums[p][o] : outData[o];
            }
        }
        if (parts <= 1) {
            runPart(0);
        } else {
            CpuThreads.forEach(parts, partBody);
        }
        if (anySummed) {
            for (int o = 0; o < outputs.length; o++) {
                if (summed[o]) {
                    double total = 0;
                    for (int p = 0; p < Math.max(1, parts); p++) {
                        total += partSums[p][o][0];
                    }
                    outputs[o].set(0, total);
                }
            }
        }
    }

    /**
     * Records the loop's shape in {@link #shape} (output 0's shape, or with a summed output the
     * broadcast of the inputs' shapes) and returns its element count.
     */
    private int loopShape(NDArray[] inputs, NDArray first) {
        int n = 1;
        for (int axis = 0; axis < ndim; axis++) {
            int d = 1;
            if (anySummed) {
                for (NDArray a : inputs) {
                    int k = axis - (ndim - a.ndim());
                    if (k >= 0 && a.dim(k) != 1) {
                        d = a.dim(k);
                    }
                }
            } else {
                d = first.dim(axis);
            }
            shape[axis] = d;
            n *= d;
        }
        return anySummed ? n : first.size();
    }

    private void runPart(int part) {
        int[] offsets = partOffsets[part];
        Object[] outData = partOut[part];
        if (callFlat) {
            int n = callElements;
            int start = CpuThreads.partStart(n, callParts, part, 64);
            int end = CpuThreads.partStart(n, callParts, part + 1, 64);
            if (end <= start) {
                return;
            }
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = innerStrideOne[i] ? start : 0;
            }
            loop.block(inData, outData, offsets, start, end - start);
            return;
        }
        int inner = shape[ndim - 1];
        int rows = callElements / inner;
        int firstRow = CpuThreads.partStart(rows, callParts, part, 1);
        int endRow = CpuThreads.partStart(rows, callParts, part + 1, 1);
        int[] counter = partCounters[part];
        // the outer coordinates of the first row, and each input's offset there
        int rest = firstRow;
        for (int axis = ndim - 2; axis >= 0; axis--) {
            counter[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        for (int i = 0; i < offsets.length; i++) {
            int off = 0;
            for (int axis = 0; axis < ndim - 1; axis++) {
                off += counter[axis] * strides[i][axis];
            }
            offsets[i] = off;
        }
        for (int row = firstRow; row < endRow; row++) {
            loop.block(inData, outData, offsets, row * inner, inner);
            for (int axis = ndim - 2; axis >= 0; axis--) {
                counter[axis]++;
                for (int i = 0; i < offsets.length; i++) {
                    offsets[i] += strides[i][axis];
                }
                if (counter[axis] < shape[axis]) {
                    break;
                }
                for (int i = 0; i < offsets.length; i++) {
                    offsets[i] -= strides[i][axis] * shape[axis];
                }
                counter[axis] = 0;
            }
        }
    }

    /** Records each input's element strides over the loop's axes (0 where broadcast). */
    private void prepareRows(NDArray[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            NDArray a = inputs[i];
            int pad = ndim - a.ndim();
            int stride = 1;
            for (int axis = ndim - 1; axis >= 0; axis--) {
                int k = axis - pad;
                if (k < 0) {
                    strides[i][axis] = 0;
                } else {
                    int d = a.dim(k);
                    strides[i][axis] = d == 1 ? 0 : stride;
                    stride *= d;
                }
            }
        }
    }

    private static Object data(NDArray a) {
        switch (a.dtype()) {
            case FLOAT64:
                return a.float64Data();
            case FLOAT32:
                return a.float32Data();
            case INT32:
                return a.int32Data();
            case INT64:
                return a.int64Data();
            default:
                throw new IllegalStateException("a generated loop got a " + a.dtype() + " array");
        }
    }
}
