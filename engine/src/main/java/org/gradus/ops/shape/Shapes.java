package org.gradus.ops.shape;

import java.util.List;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** PLACEHOLDER — to be completed by the shape-ops helper. */
public final class Shapes {
    private Shapes() {
    }

    public static TensorVariable flatten(TensorVariable x, int ndim) {
        throw new UnsupportedOperationException("PENDING flatten");
    }

    public static TensorVariable stackScalars(Object[] dims) {
        throw new UnsupportedOperationException("PENDING stackScalars");
    }

    public static TensorVariable concatenate(List<?> tensors, int axis) {
        throw new UnsupportedOperationException("PENDING concatenate");
    }

    public static TensorVariable stack(List<?> tensors, int axis) {
        throw new UnsupportedOperationException("PENDING stack");
    }

    public static TensorVariable arange(Object start, Object stop, Object step) {
        throw new UnsupportedOperationException("PENDING arange");
    }

    public static TensorVariable eye(Object n, DType dtype) {
        throw new UnsupportedOperationException("PENDING eye");
    }
}
