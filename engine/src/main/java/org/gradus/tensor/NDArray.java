package org.gradus.tensor;

import java.util.Arrays;
import org.gradus.types.DType;

/**
 * A dense n-dimensional array of one dtype, stored contiguously in row-major (C) order.
 *
 * <p>This is the run-time value of a symbolic tensor. Storage is a Java primitive array chosen by
 * dtype: {@code double[]} for float64, {@code float[]} for float32, {@code int[]} for int32,
 * {@code long[]} for int64 and {@code byte[]} for bool and uint8. An NDArray is mutable only through
 * the engine's kernels and {@link #copyFrom(NDArray)}; arrays handed to the user by a compiled
 * function are fresh copies that the engine never touches again.
 */
public final class NDArray {
    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final Object data;
    private int version;

    private NDArray(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = sizeOf(shape);
        this.data = data;
    }

    // ---------------------------------------------------------------- factories

    /** A new array of zeros. */
    public static NDArray zeros(DType dtype, int... shape) {
        int n = sizeOf(shape);
        return new NDArray(dtype, shape.clone(), allocate(dtype, n));
    }

    /** A new array with every element equal to {@code value} (converted to {@code dtype}). */
    public static NDArray full(DType dtype, double value, int... shape) {
        NDArray a = zeros(dtype, shape);
        if (value != 0) {
            for (int i = 0; i < a.size; i++) {
                a.set(i, value);
            }
        }
        return a;
    }

    /** A 0-d float64 array. */
    public static NDArray of(double value) {
        return new NDArray(DType.FLOAT64, new int[0], new double[] {value});
    }

    /** A 0-d array of the given dtype. */
    public static NDArray scalar(DType dtype, double value) {
        return full(dtype, value);
    }

    public static NDArray of(double[] values) {
        return new NDArray(DType.FLOAT64, new int[] {values.length}, values.clone());
    }

    public static NDArray of(double[][] rows) {
        return fromJava(rows, DType.FLOAT64);
    }

    public static NDArray of(float[] values) {
        return new NDArray(DType.FLOAT32, new int[] {values.length}, values.clone());
    }

    public static NDArray of(float[][] rows) {
        return fromJava(rows, DType.FLOAT32);
    }

    public static NDArray of(int[] values) {
        return new NDArray(DType.INT32, new int[] {values.length}, values.clone());
    }

    public static NDArray of(int[][] rows) {
        return fromJava(rows, DType.INT32);
    }

    public static NDArray of(long[] values) {
        return new NDArray(DType.INT64, new int[] {values.length}, values.clone());
    }

    public static NDArray of(boolean[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (values[i] ? 1 : 0);
        }
        return new NDArray(DType.BOOL, new int[] {values.length}, b);
    }

    /** Wraps flat row-major data (copied) with a shape and dtype. */
    public static NDArray fromFlat(DType dtype, int[] shape, double[] flat) {
        if (flat.length != sizeOf(shape)) {
            throw new IllegalArgumentException("flat data has " + flat.length + " elements but shape "
                    + Arrays.toString(shape) + " needs " + sizeOf(shape));
        }
        NDArray a = zeros(dtype, shape);
        for (int i = 0; i < flat.length; i++) {
            a.set(i, flat[i]);
        }
        return a;
    }

    /**
     * Converts a Java value to an array: a {@link Number} or {@link Boolean} (0-d), or a possibly
     * nested primitive or boxed array, which must be rectangular. The dtype is the array's natural
     * one (double → float64, float → float32, int → int32, long → int64, boolean → bool) unless
     * {@code dtype} is given, in which case values are converted.
     */
    public static NDArray fromJava(Object value, DType dtype) {
        return JavaArrays.toNDArray(value, dtype);
    }

    private static Object allocate(DType dtype, int n) {
        switch (dtype) {
            case FLOAT64:
                return new double[n];
            case FLOAT32:
                return new float[n];
            case INT32:
                return new int[n];
            case INT64:
                return new long[n];
            default:
                return new byte[n];
        }
    }

    static int sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for one array");
            }
        }
        return (int) n;
    }

    // ---------------------------------------------------------------- shape and dtype

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int ndim() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** Row-major strides in elements. */
    public int[] strides() {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    // ---------------------------------------------------------------- element access

    /** The element at a flat row-major index, as a double. */
    public double get(int flatIndex) {
        switch (dtype) {
            case FLOAT64:
                return ((double[]) data)[flatIndex];
            case FLOAT32:
                return ((float[]) data)[flatIndex];
            case INT32:
                return ((int[]) data)[flatIndex];
            case INT64:
                return ((long[]) data)[flatIndex];
            case UINT8:
                return ((byte[]) data)[flatIndex] & 0xFF;
            default:
                return ((byte[]) data)[flatIndex];
        }
    }

    /** The element at an n-dimensional index (negative indices count from the end). */
    public double getAt(int... index) {
        return get(flatIndex(index));
    }

    /** The element at a flat index as a long (exact for int64). */
    public long getLong(int flatIndex) {
        if (dtype == DType.INT64) {
            return ((long[]) data)[flatIndex];
        }
        return (long) get(flatIndex);
    }

    /** Stores {@code value}, converted to this array's dtype, at a flat index. Engine use. */
    public void set(int flatIndex, double value) {
        version++;
        switch (dtype) {
            case FLOAT64:
                ((double[]) data)[flatIndex] = value;
                break;
            case FLOAT32:
                ((float[]) data)[flatIndex] = (float) value;
                break;
            case INT32:
                ((int[]) data)[flatIndex] = (int) (long) value;
                break;
            case INT64:
                ((long[]) data)[flatIndex] = (long) value;
                break;
            case UINT8:
                ((byte[]) data)[flatIndex] = (byte) (long) value;
                break;
            default:
                ((byte[]) data)[flatIndex] = (byte) (value != 0 ? 1 : 0);
        }
    }

    /** Stores an exact long at a flat index (exact for int64). Engine use. */
    public void setLong(int flatIndex, long value) {
        if (dtype == DType.INT64) {
            version++;
            ((long[]) data)[flatIndex] = value;
        } else {
            set(flatIndex, (double) value);
        }
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " entries but the array has shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for axis " + i
                        + " with size " + shape[i]);
            }
            flat = flat * shape[i] + k;
        }
        return flat;
    }

    /** The live float64 storage (row-major). Only for float64 arrays; engine and kernel use. */
    public double[] float64Data() {
        return (double[]) checkedData(DType.FLOAT64);
    }

    /** The live float32 storage (row-major). Only for float32 arrays; engine and kernel use. */
    public float[] float32Data() {
        return (float[]) checkedData(DType.FLOAT32);
    }

    /** The live int32 storage. */
    public int[] int32Data() {
        return (int[]) checkedData(DType.INT32);
    }

    /** The live int64 storage. */
    public long[] int64Data() {
        return (long[]) checkedData(DType.INT64);
    }

    /**
     * Copies the elements {@code [from, from + length)} of this array (flat, row-major) into
     * {@code target} at {@code to}: one block copy, as for a minibatch of rows. The dtypes must match.
     */
    public void copyRange(int from, NDArray target, int to, int length) {
        if (target.dtype != dtype) {
            throw new IllegalArgumentException("copyRange: cannot copy " + dtype + " elements into a " + target.dtype
                    + " array");
        }
        target.version++;
        System.arraycopy(data, from, target.data, to, length);
    }

    /**
     * The live float64 storage for reading only. Unlike {@link #float64Data()} it does not count as a
     * possible change of the elements ({@link #version()}), so a kernel must never write through it.
     */
    public double[] float64DataForReading() {
        if (dtype != DType.FLOAT64) {
            throw new IllegalStateException("array is " + dtype + ", not " + DType.FLOAT64);
        }
        return (double[]) data;
    }

    /** The float32 form of {@link #float64DataForReading()}. */
    public float[] float32DataForReading() {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("array is " + dtype + ", not " + DType.FLOAT32);
        }
        return (float[]) data;
    }

    /**
     * A counter that changes whenever the elements may have changed: on {@link #set}, {@link #setLong},
     * {@link #copyFrom}, a {@link #copyRange} into this array, and every hand-out of the live storage
     * ({@link #float32Data()} and the like), since the caller may write through it. Caches of data
     * derived from the elements (OpenBLAS's off-heap copies of matrix operands) compare it; code that
     * keeps a storage array and writes through it later must fetch it again before writing.
     */
    public int version() {
        return version;
    }

    private Object checkedData(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("array is " + dtype + ", not " + wanted);
        }
        version++;
        return data;
    }

    // ---------------------------------------------------------------- conversions

    /** The single value of a one-element array (any rank). */
    public double doubleValue() {
        if (size != 1) {
            throw new IllegalStateException("doubleValue() needs exactly one element, but this array has shape "
                    + Arrays.toString(shape) + " (" + size + " elements); use toDoubleArray()");
        }
        return get(0);
    }

    /** The single value of a one-element array, as an int. */
    public int intValue() {
        return (int) doubleValue();
    }

    /** All elements in row-major order, as doubles (a copy). */
    public double[] toDoubleArray() {
        if (dtype == DType.FLOAT64) {
            return ((double[]) data).clone();
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** All elements in row-major order, as floats (a copy). */
    public float[] toFloatArray() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) get(i);
        }
        return out;
    }

    /** All elements in row-major order, as ints (a copy). */
    public int[] toIntArray() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) getLong(i);
        }
        return out;
    }

    /** A 2-d array as rows of doubles (a copy). */
    public double[][] toDoubleMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("toDoubleMatrix() needs a 2-d array, this one has shape "
                    + Arrays.toString(shape));
        }
        double[][] out = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                out[i][j] = get(i * shape[1] + j);
            }
        }
        return out;
    }

    /** A copy converted to another dtype. */
    public NDArray astype(DType target) {
        NDArray out = zeros(target, shape);
        out.copyFrom(this);
        return out;
    }

    /** An independent copy. */
    public NDArray copy() {
        return astype(dtype);
    }

    /** A copy of the same data with a new shape of the same size. */
    public NDArray reshape(int... newShape) {
        if (sizeOf(newShape) != size) {
            throw new IllegalArgumentException("cannot reshape an array of shape " + Arrays.toString(shape)
                    + " (" + size + " elements) into shape " + Arrays.toString(newShape));
        }
        NDArray out = zeros(dtype, newShape);
        System.arraycopy(data, 0, out.data, 0, size);
        return out;
    }

    /**
     * Overwrites this array's elements with {@code source}'s (same number of elements), converting
     * dtypes. Engine use.
     */
    public void copyFrom(NDArray source) {
        if (source.size != size) {
            throw new IllegalArgumentException("cannot copy " + source.size + " elements into an array of "
                    + size);
        }
        version++;
        if (source.dtype == dtype || (isByteBacked(dtype) && isByteBacked(source.dtype) && dtype != DType.BOOL)) {
            System.arraycopy(source.data, 0, data, 0, size);
        } else if (dtype == DType.INT64 && source.dtype.isInteger()) {
            for (int i = 0; i < size; i++) {
                setLong(i, source.getLong(i));
            }
        } else {
            for (int i = 0; i < size; i++) {
                set(i, source.get(i));
            }
        }
    }

    private static boolean isByteBacked(DType d) {
        return d == DType.BOOL || d == DType.UINT8;
    }

    /** Whether both arrays have the same shape and every pair of elements is within {@code atol + rtol*|b|}. */
    public boolean allClose(NDArray other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            double a = get(i);
            double b = other.get(i);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (!(Double.isNaN(a) && Double.isNaN(b))) {
                    return false;
                }
            } else if (a != b && Math.abs(a - b) > atol + rtol * Math.abs(b)) {
                return false;
            }
        }
        return true;
    }

    /** Exact equality of dtype, shape and elements. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NDArray)) {
            return false;
        }
        NDArray other = (NDArray) o;
        if (other.dtype != dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (Double.compare(get(i), other.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + Arrays.hashCode(shape);
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = h * 31 + Double.hashCode(get(i));
        }
        return h;
    }

    /** NumPy-like text, e.g. {@code [[0.5 0.73105858]\n [0.26894142 0.11920292]]}. */
    @Override
    public String toString() {
        return NDArrayFormat.format(this);
    }
}
