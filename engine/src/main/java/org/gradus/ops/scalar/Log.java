package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** The natural logarithm. */
public record Log() implements UnaryScalarOp {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public double apply(double x) {
        return Math.log(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.div(gz, x));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.log(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.lanewise(jdk.incubator.vector.VectorOperators.LOG)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("log(%s)", a.get(0));
    }
}
