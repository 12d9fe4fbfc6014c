package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** {@code exp(x) - 1}, accurate for small x. */
public record Expm1() implements UnaryScalarOp {
    @Override
    public String name() {
        return "expm1";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.expm1(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable z = output;
        return List.of(T.mul(gz, T.add(z, 1)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.expm1(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.lanewise(jdk.incubator.vector.VectorOperators.EXPM1)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("expm1(%s)", a.get(0));
    }
}
