package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** The larger of two values (NaN if either is NaN). */
public record Maximum() implements BinaryScalarOp {
    @Override
    public String name() {
        return "maximum";
    }

    @Override
    public double apply(double x, double y) {
        return (x != x || y != y) ? Double.NaN : Math.max(x, y);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable y = inputs.get(1);
        return List.of(T.mul(gz, T.ge(x, y)), T.mul(gz, T.lt(x, y)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.max(%s, %s)", a.get(0), a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.max(%s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("fmax(%s, %s)", a.get(0), a.get(1));
    }
}
