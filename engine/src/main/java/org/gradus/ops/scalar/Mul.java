package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Multiplication {@code x * y}. */
public record Mul() implements BinaryScalarOp {
    @Override
    public String name() {
        return "mul";
    }

    @Override
    public double apply(double x, double y) {
        return x * y;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable y = inputs.get(1);
        return List.of(T.mul(gz, y), T.mul(gz, x));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s * %s)", a.get(0), a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.mul(%s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s * %s)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "*";
    }
}
