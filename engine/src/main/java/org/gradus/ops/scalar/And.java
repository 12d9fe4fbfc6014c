package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** Logical and of truth values (non-zero is true), a bool result. */
public record And() implements BinaryScalarOp {
    @Override
    public String name() {
        return "and";
    }

    @Override
    public double apply(double x, double y) {
        return (x != 0 && y != 0) ? 1 : 0;
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return DType.BOOL;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return java.util.Arrays.asList(null, null);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("((%s != 0 && %s != 0) ? 1.0 : 0.0)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s != 0 && %s != 0)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "&";
    }
}
