package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** True division {@code x / y}; integer operands give a floatX result. */
public record TrueDiv() implements BinaryScalarOp {
    @Override
    public String name() {
        return "true_div";
    }

    @Override
    public double apply(double x, double y) {
        return x / y;
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable y = inputs.get(1);
        return List.of(T.div(gz, y), T.neg(T.div(T.mul(gz, x), T.sqr(y))));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s / %s)", a.get(0), a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.div(%s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s / %s)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "/";
    }
}
