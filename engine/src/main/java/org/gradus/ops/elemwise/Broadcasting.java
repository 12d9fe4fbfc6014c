package org.gradus.ops.elemwise;

import java.util.Arrays;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.TensorType;

/**
 * NumPy broadcasting over static shapes: operands are aligned on their last axes, missing leading
 * axes count as length 1, and an axis of static length 1 stretches to match the others.
 */
public final class Broadcasting {
    private Broadcasting() {
    }

    /** The static output shape of broadcasting the inputs; an error names the clashing operands. */
    public static int[] staticShape(String opName, List<TensorVariable> inputs) {
        int ndim = 0;
        for (TensorVariable v : inputs) {
            ndim = Math.max(ndim, v.type().ndim());
        }
        int[] out = new int[ndim];
        Arrays.fill(out, 1);
        for (int axis = 0; axis < ndim; axis++) {
            boolean anyUnknown = false;
            int known = 1;
            int knownFrom = -1;
            for (int i = 0; i < inputs.size(); i++) {
                TensorType t = inputs.get(i).type();
                int d = padded(t, ndim, axis);
                if (d == TensorType.UNKNOWN) {
                    anyUnknown = true;
                } else if (d != 1) {
                    if (known != 1 && known != d) {
                        throw new ShapeException(opName + ": cannot broadcast shapes " + shapes(inputs)
                                + ": axis " + axis + " (aligned from the right) has length " + known
                                + " in operand " + knownFrom + " and " + d + " in operand " + i
                                + "; created at " + inputs.get(i).site());
                    }
                    known = d;
                    knownFrom = i;
                }
            }
            out[axis] = known != 1 ? known : (anyUnknown ? TensorType.UNKNOWN : 1);
        }
        return out;
    }

    /** The static length of {@code axis} of a type left-padded to {@code ndim} axes. */
    public static int padded(TensorType t, int ndim, int axis) {
        int k = axis - (ndim - t.ndim());
        return k < 0 ? 1 : t.dim(k);
    }

    static String shapes(List<TensorVariable> inputs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            sb.append(i == 0 ? "" : " and ").append(inputs.get(i).type().shapeString());
        }
        return sb.toString();
    }
}
