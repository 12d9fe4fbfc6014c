package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The logistic function {@code 1 / (1 + exp(-x))}, computed without overflow. */
public record Sigmoid() implements UnaryScalarOp {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.sigmoid(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable z = output;
        return List.of(T.mul(gz, T.mul(z, T.sub(1, z))));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.sigmoid(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%1$s.broadcast(1).div(%1$s.neg().lanewise(jdk.incubator.vector.VectorOperators.EXP).add(1))", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s >= 0 ? 1 / (1 + exp(-%s)) : exp(%s) / (1 + exp(%s)))", a.get(0), a.get(0), a.get(0), a.get(0));
    }
}
