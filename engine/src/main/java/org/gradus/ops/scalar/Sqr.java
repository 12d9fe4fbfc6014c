package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** The square {@code x * x}. */
public record Sqr() implements UnaryScalarOp {
    @Override
    public String name() {
        return "sqr";
    }

    @Override
    public double apply(double x) {
        return x * x;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.mul(T.mul(gz, 2), x));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s * %s)", a.get(0), a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%1$s.mul(%1$s)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s * %s)", a.get(0), a.get(0));
    }
}
