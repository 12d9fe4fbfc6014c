package org.gradus.tensor;

import org.gradus.graph.SourceSite;
import org.gradus.types.TensorType;

/**
 * A symbolic tensor with a fixed value. Its static shape is the value's exact shape.
 *
 * <p>A constant made from a plain Java number is <em>weak</em>: in arithmetic it adopts the dtype of
 * the other operands when that does not lose its kind, so {@code x.mul(2)} stays float32 for a
 * float32 {@code x}.
 */
public final class TensorConstant extends TensorVariable {
    private final NDArray value;
    private final boolean weak;

    TensorConstant(NDArray value, boolean weak, String name) {
        super(TensorType.of(value.dtype(), value.shape()), null, 0, name, SourceSite.capture());
        this.value = value.copy();
        this.weak = weak;
    }

    /**
     * Engine use: a constant restored from its parts, as a graph reader does. A weak constant is a plain
     * Java number that adopts the dtype of the tensor it meets (see {@link T#constant(Object)}).
     */
    public static TensorConstant restore(NDArray value, boolean weak, String name) {
        return new TensorConstant(value, weak, name);
    }

    /**
     * A weak constant holding {@code value} in its own dtype: what folding an operation on weak
     * numbers gives ({@code 2 - 1} on two int32 literals is an int32 literal again). Engine use.
     */
    public static TensorConstant weak(NDArray value) {
        return new TensorConstant(value, true, null);
    }

    /** A copy of the value. */
    public NDArray value() {
        return value.copy();
    }

    /** The value itself, without copying. Engine use; never modify it. */
    public NDArray valueView() {
        return value;
    }

    public boolean isWeak() {
        return weak;
    }

    /** The value when it is a single element, printed the way NumPy prints it. */
    @Override
    public String toString() {
        if (name() != null) {
            return name();
        }
        return value.size() <= 8 ? value.toString() : "Constant" + type().shapeString();
    }
}
