package org.gradus.ops.shape;

import java.util.ArrayList;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * The facade functions of the shape ops that need more than one line: operand conversion (Java
 * numbers become int64 constants), axis normalization, and composition ({@code stack} is a
 * dimshuffle per operand followed by {@link Concatenate}). {@link T} delegates here.
 */
public final class Shapes {
    private Shapes() {
    }

    /** Keeps the first {@code ndim - 1} axes and joins the rest into the last one; see {@link Flatten}. */
    public static TensorVariable flatten(TensorVariable x, int ndim) {
        if (ndim == x.ndim() && ndim >= 1) {
            return x;
        }
        return new Flatten(ndim).apply(x);
    }

    /**
     * An int64 vector from Java integers and symbolic integer scalars, e.g.
     * {@code {x.shape(0), 3}}; entries that are all known give a constant, otherwise a {@link MakeVector}.
     */
    public static TensorVariable stackScalars(Object[] dims) {
        TensorVariable[] entries = new TensorVariable[dims.length];
        boolean allConstant = true;
        for (int i = 0; i < dims.length; i++) {
            entries[i] = intScalar("shape entry " + i, dims[i]);
            allConstant &= entries[i] instanceof TensorConstant;
        }
        if (allConstant) {
            long[] values = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                values[i] = ((TensorConstant) entries[i]).valueView().getLong(0);
            }
            return T.constant(values, DType.INT64);
        }
        return new MakeVector().apply(entries);
    }

    /** Joins tensors along an existing axis (negative counts from the end); see {@link Concatenate}. */
    public static TensorVariable concatenate(List<?> tensors, int axis) {
        TensorVariable[] xs = operands("concatenate", tensors);
        int ndim = xs[0].ndim();
        int a = axis < 0 ? axis + ndim : axis;
        if (ndim > 0 && (a < 0 || a >= ndim)) {
            throw new ShapeException("concatenate: axis " + axis + " is out of range for operand 0 " + xs[0].describe());
        }
        return new Concatenate(a).apply(xs);
    }

    /**
     * Stacks tensors of equal shape along a new axis {@code axis} of the result (from
     * {@code -(ndim + 1)} to {@code ndim}): each gets a broadcastable axis there, then they are concatenated.
     */
    public static TensorVariable stack(List<?> tensors, int axis) {
        TensorVariable[] xs = operands("stack", tensors);
        int ndim = xs[0].ndim();
        for (int i = 1; i < xs.length; i++) {
            if (xs[i].ndim() != ndim) {
                throw new ShapeException("stack: all operands must have the same shape, but operand 0 has shape "
                        + xs[0].type().shapeString() + " and operand " + i + " has shape " + xs[i].type().shapeString());
            }
        }
        int a = axis < 0 ? axis + ndim + 1 : axis;
        if (a < 0 || a > ndim) {
            throw new ShapeException("stack: axis " + axis + " is out of range for operands of " + ndim + " axes");
        }
        int[] order = new int[ndim + 1];
        for (int j = 0; j <= ndim; j++) {
            order[j] = j < a ? j : j == a ? -1 : j - 1;
        }
        TensorVariable[] expanded = new TensorVariable[xs.length];
        for (int i = 0; i < xs.length; i++) {
            expanded[i] = T.dimshuffle(xs[i], order);
        }
        return new Concatenate(a).apply(expanded);
    }

    /** {@code start, start + step, ...} before {@code stop}, as int64; see {@link ARange}. */
    public static TensorVariable arange(Object start, Object stop, Object step) {
        return new ARange().apply(intScalar("arange start", start), intScalar("arange stop", stop),
                intScalar("arange step", step));
    }

    /** The identity matrix of size {@code n} (a Java int or a symbolic int scalar); see {@link Eye}. */
    public static TensorVariable eye(Object n, DType dtype) {
        return new Eye(dtype).apply(intScalar("eye size", n));
    }

    /** Converts the list to tensors; it must not be empty. */
    private static TensorVariable[] operands(String what, List<?> tensors) {
        if (tensors == null || tensors.isEmpty()) {
            throw new ShapeException(what + ": needs at least one tensor");
        }
        List<TensorVariable> xs = new ArrayList<>();
        for (Object t : tensors) {
            xs.add(T.asTensor(t));
        }
        return xs.toArray(new TensorVariable[0]);
    }

    /** A Java integer becomes an int64 constant; a symbolic value must be an integer scalar. */
    private static TensorVariable intScalar(String role, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return T.constant(((Number) value).longValue(), DType.INT64);
        }
        if (value instanceof TensorVariable) {
            TensorVariable v = (TensorVariable) value;
            if (v.ndim() != 0) {
                throw new ShapeException(role + " must be a scalar, got " + v.describe());
            }
            if (!v.dtype().isInteger()) {
                throw new DTypeException(role + " must be an integer, got " + v.describe());
            }
            return v;
        }
        throw new DTypeException(role + " must be a Java int or long or a symbolic integer scalar, got " + value);
    }
}
