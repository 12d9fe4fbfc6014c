package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** Conversion to another dtype (floats to integers truncate toward zero; non-zero becomes true). */
public record Cast(DType dtype) implements UnaryScalarOp {
    @Override
    public String name() {
        return "cast{" + dtype + "}";
    }

    @Override
    public double apply(double x) {
        return dtype.coerce(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return dtype;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        DType in = inputs.get(0).type().dtype();
        if (!dtype.isFloat()) {
            return java.util.Collections.singletonList(null);
        }
        // into a float: the gradient passes, in the input's dtype when that is a float (PyTensor's Cast.grad)
        return List.of(in.isFloat() ? T.cast(gz, in) : gz);
    }

    @Override
    public String javaExpression(List<String> a) {
        switch (dtype) {
            case FLOAT32:
                return "((double) (float) " + a.get(0) + ")";
            case INT32:
                return "((double) (int) (long) " + a.get(0) + ")";
            case INT64:
                return "((double) (long) " + a.get(0) + ")";
            case UINT8:
                return "((double) (((long) " + a.get(0) + ") & 0xFF))";
            case BOOL:
                return "(" + a.get(0) + " != 0 ? 1.0 : 0.0)";
            default:
                return a.get(0);
        }
    }

    @Override
    public String cudaExpression(List<String> a) {
        return "((" + cudaType(dtype) + ") " + a.get(0) + ")";
    }

    /** The CUDA C type that stores a dtype. */
    public static String cudaType(DType d) {
        switch (d) {
            case FLOAT64:
                return "double";
            case FLOAT32:
                return "float";
            case INT32:
                return "int";
            case INT64:
                return "long long";
            case UINT8:
                return "unsigned char";
            default:
                return "bool";
        }
    }
}
