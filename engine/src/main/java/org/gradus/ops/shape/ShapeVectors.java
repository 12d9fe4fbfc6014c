package org.gradus.ops.shape;

import java.util.Arrays;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/** Helpers for ops that take a shape as a symbolic int vector. */
public final class ShapeVectors {
    private ShapeVectors() {
    }

    /** Checks that {@code v} is an integer vector of static length {@code ndim} (if known). */
    public static void check(String opName, TensorVariable v) {
        if (v.ndim() != 1 || !(v.dtype().isInteger())) {
            throw new ShapeException(opName + ": the shape must be an integer vector, got " + v.describe());
        }
    }

    /**
     * The static shape known from a shape vector: a constant, {@code T.shape(y)} (the static shape of
     * {@code y}) or a {@link MakeVector} (its constant entries); other lengths are unknown.
     */
    public static int[] staticShape(TensorVariable shapeVector, int ndim) {
        int[] out = new int[ndim];
        Arrays.fill(out, TensorType.UNKNOWN);
        if (shapeVector instanceof TensorConstant) {
            NDArray v = ((TensorConstant) shapeVector).valueView();
            for (int i = 0; i < ndim; i++) {
                long d = v.getLong(i);
                out[i] = d >= 0 ? (int) d : TensorType.UNKNOWN;
            }
        } else if (shapeVector.owner() != null && shapeVector.owner().op() instanceof Shape) {
            // the shape of a tensor has that tensor's static lengths
            int[] known = shapeVector.owner().input(0).type().shape();
            if (known.length == ndim) {
                out = known;
            }
        } else if (shapeVector.owner() != null && shapeVector.owner().op() instanceof MakeVector) {
            List<TensorVariable> entries = shapeVector.owner().inputs();
            for (int i = 0; i < ndim && i < entries.size(); i++) {
                if (entries.get(i) instanceof TensorConstant) {
                    long d = ((TensorConstant) entries.get(i)).valueView().getLong(0);
                    out[i] = d >= 0 ? (int) d : TensorType.UNKNOWN;
                }
            }
        }
        return out;
    }

    /** The run-time shape held by an int vector. */
    public static int[] toShape(NDArray v) {
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) v.getLong(i);
        }
        return out;
    }
}
