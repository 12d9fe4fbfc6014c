package org.gradus.ops.indexing;

import java.util.ArrayList;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.graph.Apply;
import org.gradus.tensor.Slice;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * Turns NumPy-style index lists into indexing ops, and {@code set/inc_subtensor} calls into their
 * inverse ops. {@link T#subtensor} and {@link TensorVariable#get} delegate here.
 */
public final class Indexing {
    private Indexing() {
    }

    /**
     * {@code x[indices...]}. Each index is a Java {@code Integer}/{@code Long} (negative counts from
     * the end; removes the axis), a {@link Slice} (keeps the axis), a symbolic int scalar (removes the
     * axis), or a symbolic int vector (advanced indexing). Axes without an index are taken whole.
     * Int vectors are supported on the leading axes, optionally mixed with ints there, followed only
     * by whole slices; they are combined elementwise with broadcasting, so {@code p.get(idx, y)} is
     * {@code [p[idx[n], y[n]] for n]}.
     */
    public static TensorVariable subtensor(TensorVariable x, Object... indices) {
        if (indices.length > x.ndim()) {
            throw new ShapeException("too many indices (" + indices.length + ") for " + x.describe() + " with "
                    + x.ndim() + " axes");
        }
        boolean advanced = false;
        for (int axis = 0; axis < indices.length; axis++) {
            Object index = indices[axis];
            if (index instanceof TensorVariable) {
                TensorVariable v = (TensorVariable) index;
                checkIndexTensor(v, axis);
                advanced |= v.ndim() == 1;
            } else if (!(index instanceof Integer || index instanceof Long || index instanceof Slice)) {
                throw new GradusException("index " + axis + " of " + x.describe() + " is "
                        + (index == null ? "null" : "a " + index.getClass().getSimpleName())
                        + "; expected an int, a Slice, or a symbolic int scalar or vector");
            }
        }
        return advanced ? advancedSubtensor(x, indices) : basicSubtensor(x, indices);
    }

    private static void checkIndexTensor(TensorVariable v, int axis) {
        if (v.dtype() == DType.BOOL) {
            throw new DTypeException("index " + axis + " is the bool tensor " + v.describe()
                    + "; boolean mask indexing is not supported, use T.where or integer indices");
        }
        if (!v.dtype().isInteger()) {
            throw new DTypeException("index " + axis + " must be an integer tensor, got " + v.describe());
        }
        if (v.ndim() > 1) {
            throw new ShapeException("index " + axis + " is " + v.describe()
                    + "; only int scalars and int vectors are supported as index tensors");
        }
    }

    private static TensorVariable basicSubtensor(TensorVariable x, Object[] indices) {
        List<AxisIndex> pattern = new ArrayList<>();
        List<TensorVariable> inputs = new ArrayList<>(List.of(x));
        for (Object index : indices) {
            if (index instanceof Slice) {
                Slice s = (Slice) index;
                pattern.add(AxisIndex.slice(bound(s.start(), inputs), bound(s.stop(), inputs), bound(s.step(), inputs)));
            } else {
                pattern.add(AxisIndex.point(bound(index, inputs)));
            }
        }
        return new Subtensor(pattern).apply(inputs.toArray(new TensorVariable[0]));
    }

    /** A bound from a slice or point index; symbolic ones are appended to {@code inputs}. */
    private static AxisIndex.Bound bound(Object value, List<TensorVariable> inputs) {
        if (value == null) {
            return AxisIndex.Bound.ABSENT;
        }
        if (value instanceof Integer || value instanceof Long) {
            return AxisIndex.Bound.of(((Number) value).longValue());
        }
        if (value instanceof TensorVariable) {
            TensorVariable v = (TensorVariable) value;
            if (v.ndim() != 0 || !v.dtype().isInteger()) {
                throw new DTypeException("a slice bound must be an int or an int scalar, got " + v.describe());
            }
            inputs.add(v);
            return AxisIndex.Bound.INPUT;
        }
        throw new GradusException("a slice bound must be null, an int or an int scalar, got a "
                + value.getClass().getSimpleName());
    }

    private static TensorVariable advancedSubtensor(TensorVariable x, Object[] indices) {
        List<TensorVariable> inputs = new ArrayList<>(List.of(x));
        boolean inLeadingGroup = true;
        for (Object index : indices) {
            if (index instanceof Slice) {
                inLeadingGroup = false;
                if (index.equals(Slice.ALL)) {
                    continue;
                }
            } else if (inLeadingGroup) {
                inputs.add(index instanceof TensorVariable ? (TensorVariable) index : T.constant(index, DType.INT64));
                continue;
            }
            throw new GradusException("the advanced indexing pattern " + describe(indices) + " is not supported; "
                    + "use int vectors (or ints) on the leading axes followed only by whole slices ':'");
        }
        return new AdvancedSubtensor().apply(inputs.toArray(new TensorVariable[0]));
    }

    private static String describe(Object[] indices) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < indices.length; i++) {
            Object index = indices[i];
            String s = index instanceof TensorVariable
                    ? (((TensorVariable) index).ndim() == 1 ? "vector" : "scalar") : String.valueOf(index);
            sb.append(i == 0 ? "" : ", ").append(s);
        }
        return sb.append(']').toString();
    }

    /**
     * {@code x} with the region that {@code indexed = x.get(...)} selects set to ({@code set}) or
     * incremented by {@code value}, which is converted to the dtype of {@code x} and broadcast to the
     * region's shape.
     */
    public static TensorVariable setOrIncrement(TensorVariable indexed, TensorVariable value, boolean set) {
        Apply node = indexed.owner();
        String what = set ? "setSubtensor" : "incSubtensor";
        if (node == null || !(node.op() instanceof Subtensor || node.op() instanceof AdvancedSubtensor)) {
            throw new GradusException(what + " needs x.get(...) as its first argument, got " + indexed.describe());
        }
        List<TensorVariable> inputs = new ArrayList<>(node.inputs());
        TensorVariable x = inputs.get(0);
        inputs.add(1, value.dtype() == x.dtype() ? value : T.cast(value, x.dtype()));
        TensorVariable[] args = inputs.toArray(new TensorVariable[0]);
        if (node.op() instanceof Subtensor) {
            return new IncSubtensor(set, ((Subtensor) node.op()).pattern()).apply(args);
        }
        return new AdvancedIncSubtensor(set).apply(args);
    }
}
