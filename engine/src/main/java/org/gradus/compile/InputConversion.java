package org.gradus.compile;

import java.util.Arrays;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * Converts the Java arguments of a function call to arrays of the inputs' types, with errors that
 * name the input.
 *
 * <p>Plain Java values (numbers and arrays) convert to any float dtype, and to integer dtypes when
 * every value is integral. An {@link NDArray} must already have the input's dtype, except that an
 * integer or bool array may be given to a float input.
 */
final class InputConversion {
    private InputConversion() {
    }

    static NDArray convert(Object arg, TensorVariable input, int position) {
        TensorType type = input.type();
        NDArray value;
        try {
            value = NDArray.fromJava(arg, null);
        } catch (IllegalArgumentException e) {
            throw new DTypeException("argument " + position + " for input " + input.describe() + ": " + e.getMessage());
        }
        if (value.ndim() != type.ndim()) {
            throw new ShapeException("argument " + position + " for input " + input.describe() + " has shape "
                    + Arrays.toString(value.shape()) + " (rank " + value.ndim() + "), but the input is a "
                    + type.kindName() + " (rank " + type.ndim() + ")");
        }
        if (!fits(type, value)) {
            throw new ShapeException("argument " + position + " for input " + input.describe() + " has shape "
                    + Arrays.toString(value.shape()) + ", which does not fit the static shape " + type.shapeString());
        }
        return toDType(value, arg instanceof NDArray, input, position);
    }

    private static NDArray toDType(NDArray value, boolean strict, TensorVariable input, int position) {
        DType target = input.dtype();
        DType given = value.dtype();
        if (given == target) {
            return value;
        }
        boolean widening = DType.upcast(given, target) == target;
        if (strict && !widening) {
            throw new DTypeException("argument " + position + " for input " + input.describe() + " is a " + given
                    + " array, which cannot be converted to " + target + " without loss; convert it with astype(DType."
                    + target.name() + ") if that is what you want");
        }
        if (target.isInteger() || target.isBool()) {
            for (int i = 0; i < value.size(); i++) {
                double v = value.get(i);
                if (target.coerce(v) != v) {
                    throw new DTypeException("argument " + position + " for input " + input.describe()
                            + " holds the value " + v + ", which is not a valid " + target);
                }
            }
        }
        return value.astype(target);
    }

    /** {@link TensorType#accepts} for the value's shape, read axis by axis (no copy of the shape). */
    private static boolean fits(TensorType type, NDArray value) {
        for (int a = 0; a < type.ndim(); a++) {
            if (type.dim(a) != TensorType.UNKNOWN && type.dim(a) != value.dim(a)) {
                return false;
            }
        }
        return true;
    }
}
