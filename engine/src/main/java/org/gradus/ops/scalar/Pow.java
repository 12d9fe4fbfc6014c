package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/** Power {@code x ** y}. */
public record Pow() implements BinaryScalarOp {
    @Override
    public String name() {
        return "pow";
    }

    @Override
    public double apply(double x, double y) {
        return Math.pow(x, y);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable y = inputs.get(1);
        TensorVariable z = output;
        return List.of(T.mul(T.mul(gz, y), T.pow(x, minusOne(y))), T.mul(T.mul(gz, z), T.log(x)));
    }

    /** {@code y - 1}; a literal exponent gives a literal, so that {@code x ** (y - 1)} keeps the dtype of a float32 x. */
    private static TensorVariable minusOne(TensorVariable y) {
        if (y instanceof TensorConstant c && c.isWeak()) {
            return TensorConstant.weak(NDArray.fromJava(c.valueView().doubleValue() - 1, c.dtype()));
        }
        return T.sub(y, 1);
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("Math.pow(%s, %s)", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("pow(%s, %s)", a.get(0), a.get(1));
    }

    @Override
    public String infixSymbol() {
        return "**";
    }
}
