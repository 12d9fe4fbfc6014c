package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Subtraction {@code x - y}. */
public record Sub() implements BinaryScalarOp {
    @Override
    public String name() {
        return "sub";
    }

    @Override
    public double apply(double x, double y) {
        return x - y;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return List.of(gz, T.neg(gz));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s - %s)", a.get(0), a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.sub(%s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s - %s)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "-";
    }
}
