package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** {@code log(1 + exp(x))}, computed without overflow. */
public record Softplus() implements UnaryScalarOp {
    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.softplus(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.mul(gz, T.sigmoid(x)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.softplus(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%1$s.max(%1$s.broadcast(0)).add(%1$s.abs().neg().lanewise(jdk.incubator.vector.VectorOperators.EXP).lanewise(jdk.incubator.vector.VectorOperators.LOG1P))", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s > 30 ? %s : (%s < -30 ? exp(%s) : log1p(exp(%s))))", a.get(0), a.get(0), a.get(0), a.get(0), a.get(0));
    }
}
