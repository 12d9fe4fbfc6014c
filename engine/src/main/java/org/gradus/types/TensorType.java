package org.gradus.types;

import java.util.Arrays;

/**
 * The static type of a symbolic tensor: a dtype and a static shape.
 *
 * <p>Each dimension of the static shape is either a known length or {@link #UNKNOWN}. A dimension of
 * known length 1 is <em>broadcastable</em>: elementwise ops stretch it to match the other operands,
 * exactly as Theano's {@code broadcastable} pattern does. A dimension that is unknown is never
 * stretched at run time; use {@code dimshuffle} or a constant of length 1 to broadcast.
 *
 * <p>Instances are immutable and compare by value.
 */
public final class TensorType {
    /** Marks a dimension whose length is known only at run time. */
    public static final int UNKNOWN = -1;

    private final DType dtype;
    private final int[] shape;

    private TensorType(DType dtype, int[] shape) {
        this.dtype = dtype;
        this.shape = shape;
    }

    /** A tensor type with the given dtype and static shape ({@link #UNKNOWN} for unknown lengths). */
    public static TensorType of(DType dtype, int... shape) {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype must not be null");
        }
        for (int d : shape) {
            if (d < UNKNOWN) {
                throw new IllegalArgumentException("invalid static dimension " + d + " in shape "
                        + Arrays.toString(shape) + "; use TensorType.UNKNOWN (-1) for an unknown length");
            }
        }
        return new TensorType(dtype, shape.clone());
    }

    /** A tensor type of the given rank whose dimensions are all unknown. */
    public static TensorType unknownShape(DType dtype, int ndim) {
        int[] s = new int[ndim];
        Arrays.fill(s, UNKNOWN);
        return new TensorType(dtype, s);
    }

    public DType dtype() {
        return dtype;
    }

    public int ndim() {
        return shape.length;
    }

    /** The static length of dimension {@code axis}, or {@link #UNKNOWN}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** A copy of the static shape. */
    public int[] shape() {
        return shape.clone();
    }

    public boolean isBroadcastable(int axis) {
        return shape[axis] == 1;
    }

    /** True when every dimension has a known length. */
    public boolean isFullyKnown() {
        for (int d : shape) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    public TensorType withDType(DType newType) {
        return new TensorType(newType, shape);
    }

    public TensorType withShape(int... newShape) {
        return of(dtype, newShape);
    }

    /**
     * Whether a run-time value of this shape fits the static shape. Unknown dimensions accept any
     * length; known ones must match exactly.
     */
    public boolean accepts(int[] runtimeShape) {
        if (runtimeShape.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != UNKNOWN && shape[i] != runtimeShape[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value of {@code other} is also a valid value of this type (same dtype, compatible shape). */
    public boolean isSupertypeOf(TensorType other) {
        if (dtype != other.dtype || shape.length != other.shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != UNKNOWN && shape[i] != other.shape[i]) {
                return false;
            }
        }
        return true;
    }

    /** Human-readable shape such as {@code (?, 3)}; {@code ()} for scalars. */
    public String shapeString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i] == UNKNOWN ? "?" : Integer.toString(shape[i]));
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /** Theano-like short name: {@code scalar}, {@code vector}, {@code matrix}, or {@code tensor3}. */
    public String kindName() {
        switch (shape.length) {
            case 0:
                return "scalar";
            case 1:
                return "vector";
            case 2:
                return "matrix";
            default:
                return "tensor" + shape.length;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorType && ((TensorType) o).dtype == dtype
                && Arrays.equals(((TensorType) o).shape, shape);
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape);
    }

    /** E.g. {@code TensorType(float64, (?, 3))}. */
    @Override
    public String toString() {
        return "TensorType(" + dtype + ", " + shapeString() + ")";
    }
}
