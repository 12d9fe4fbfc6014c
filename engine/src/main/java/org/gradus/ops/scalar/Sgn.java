package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** Sign: -1, 0 or 1 (0 for both zeros, NaN for NaN). */
public record Sgn() implements UnaryScalarOp {
    @Override
    public String name() {
        return "sgn";
    }

    @Override
    public double apply(double x) {
        return Math.signum(x);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        return java.util.Collections.singletonList(null);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.signum(%s)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(double) ((%s > 0) - (%s < 0))", a.get(0), a.get(0));
    }
}
