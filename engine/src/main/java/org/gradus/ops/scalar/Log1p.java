package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** {@code log(1 + x)}, accurate for small x. */
public record Log1p() implements UnaryScalarOp {
    @Override
    public String name() {
        return "log1p";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.log1p(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.div(gz, T.add(x, 1)));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.log1p(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.lanewise(jdk.incubator.vector.VectorOperators.LOG1P)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("log1p(%s)", a.get(0));
    }
}
