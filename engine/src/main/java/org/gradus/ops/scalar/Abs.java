package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Absolute value. */
public record Abs() implements UnaryScalarOp {
    @Override
    public String name() {
        return "abs";
    }

    @Override
    public double apply(double x) {
        return Math.abs(x);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.mul(gz, T.sgn(x)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.abs(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.abs()", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("fabs(%s)", a.get(0));
    }
}
