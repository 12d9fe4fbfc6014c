package org.gradus.ops.reduce;

import java.util.List;

/**
 * Splits the flat offsets of an array into the offsets of the kept axes ({@link #outer}, one per
 * output element, in row-major order) and of the reduced axes ({@link #inner}, one per reduced
 * element, row-major over the reduced axes), so that element {@code (o, r)} is at
 * {@code outer[o] + inner[r]}.
 */
final class AxisSplit {
    final int[] outer;
    final int[] inner;
    final int[] outShape;

    AxisSplit(int[] shape, List<Integer> axes) {
        int ndim = shape.length;
        int[] strides = new int[ndim];
        int s = 1;
        for (int i = ndim - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        int keptCount = ndim - axes.size();
        int[] keptShape = new int[keptCount];
        int[] keptStrides = new int[keptCount];
        int[] redShape = new int[axes.size()];
        int[] redStrides = new int[axes.size()];
        int k = 0;
        int r = 0;
        for (int i = 0; i < ndim; i++) {
            if (axes.contains(i)) {
                redShape[r] = shape[i];
                redStrides[r++] = strides[i];
            } else {
                keptShape[k] = shape[i];
                keptStrides[k++] = strides[i];
            }
        }
        this.outShape = keptShape;
        this.outer = offsets(keptShape, keptStrides);
        this.inner = offsets(redShape, redStrides);
    }

    private static int[] offsets(int[] shape, int[] strides) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] out = new int[n];
        int[] counter = new int[shape.length];
        int off = 0;
        for (int i = 0; i < n; i++) {
            out[i] = off;
            for (int a = shape.length - 1; a >= 0; a--) {
                counter[a]++;
                off += strides[a];
                if (counter[a] < shape[a]) {
                    break;
                }
                off -= strides[a] * shape[a];
                counter[a] = 0;
            }
        }
        return out;
    }
}
