package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Negation {@code -x}. */
public record Neg() implements UnaryScalarOp {
    @Override
    public String name() {
        return "neg";
    }

    @Override
    public double apply(double x) {
        return -x;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return List.of(T.neg(gz));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(-%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.neg()", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(-%s)", a.get(0));
    }

    @Override
    public String infixSymbol() {
        return "-";
    }
}
