package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** The rectifier {@code max(x, 0)}. */
public record Relu() implements UnaryScalarOp {
    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double apply(double x) {
        return Math.max(x, 0.0);   // NaN stays NaN, -0.0 becomes 0.0; branch-free and vectorizable
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.mul(gz, T.gt(x, 0)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.max(%s, 0.0)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%1$s.max(%1$s.broadcast(0))", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s > 0 || %s != %s ? %s : 0)", a.get(0), a.get(0), a.get(0), a.get(0));
    }
}
