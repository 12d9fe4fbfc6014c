package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** Returns its second operand broadcast to the shape of the first (Theano's {@code fill}). */
public record Second() implements BinaryScalarOp {
    @Override
    public String name() {
        return "second";
    }

    @Override
    public double apply(double x, double y) {
        return y;
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return inputs.get(1);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return java.util.Arrays.asList(null, gz);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("%s", a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s", a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("%s", a.get(1));
    }
}
