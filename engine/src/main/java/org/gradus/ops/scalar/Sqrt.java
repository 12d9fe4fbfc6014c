package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The square root. */
public record Sqrt() implements UnaryScalarOp {
    @Override
    public String name() {
        return "sqrt";
    }

    @Override
    public double apply(double x) {
        return Math.sqrt(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable z = output;
        return List.of(T.div(T.mul(gz, 0.5), z));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.sqrt(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.sqrt()", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("sqrt(%s)", a.get(0));
    }
}
