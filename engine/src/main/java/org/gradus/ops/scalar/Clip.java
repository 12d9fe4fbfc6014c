package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code x} limited to {@code [low, high]}. */
public record Clip() implements TernaryScalarOp {
    @Override
    public String name() {
        return "clip";
    }

    @Override
    public double apply(double x, double y, double z) {
        return x < y ? y : (x > z ? z : x);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable y = inputs.get(1);
        TensorVariable z = inputs.get(2);
        return List.of(T.mul(gz, T.and(T.ge(x, y), T.le(x, z))), T.mul(gz, T.lt(x, y)), T.mul(gz, T.gt(x, z)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s < %s ? %s : (%s > %s ? %s : %s))", a.get(0), a.get(1), a.get(1), a.get(0), a.get(2),
                a.get(2), a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("fmin(fmax(%s, %s), %s)", a.get(0), a.get(1), a.get(2));
    }
}
