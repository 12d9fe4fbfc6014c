package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Addition {@code x + y}. */
public record Add() implements BinaryScalarOp {
    @Override
    public String name() {
        return "add";
    }

    @Override
    public double apply(double x, double y) {
        return x + y;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return List.of(gz, gz);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s + %s)", a.get(0), a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.add(%s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s + %s)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "+";
    }
}
