package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The hyperbolic tangent. */
public record Tanh() implements UnaryScalarOp {
    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.tanh(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable z = output;
        return List.of(T.mul(gz, T.sub(1, T.sqr(z))));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.tanh(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.lanewise(jdk.incubator.vector.VectorOperators.TANH)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("tanh(%s)", a.get(0));
    }
}
