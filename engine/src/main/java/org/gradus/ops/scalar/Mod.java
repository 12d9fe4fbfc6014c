package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Remainder with the sign of the divisor, like Python's {@code x % y}. */
public record Mod() implements BinaryScalarOp {
    @Override
    public String name() {
        return "mod";
    }

    @Override
    public double apply(double x, double y) {
        return x - Math.floor(x / y) * y;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable y = inputs.get(1);
        return List.of(gz, T.neg(T.mul(gz, T.intDiv(x, y))));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s - Math.floor(%s / %s) * %s)", a.get(0), a.get(0), a.get(1), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s - floor((double) %s / (double) %s) * %s)", a.get(0), a.get(0), a.get(1), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "%";
    }
}
