package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Floor division {@code x // y} (rounds toward negative infinity, like Python). */
public record IntDiv() implements BinaryScalarOp {
    @Override
    public String name() {
        return "int_div";
    }

    @Override
    public double apply(double x, double y) {
        return Math.floor(x / y);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return java.util.Arrays.asList(null, null);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.floor(%s / %s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("floor((double) %s / (double) %s)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "//";
    }
}
