package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The exponential {@code e^x}. */
public record Exp() implements UnaryScalarOp {
    @Override
    public String name() {
        return "exp";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.exp(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable z = output;
        return List.of(T.mul(gz, z));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.exp(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.lanewise(jdk.incubator.vector.VectorOperators.EXP)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("exp(%s)", a.get(0));
    }
}
