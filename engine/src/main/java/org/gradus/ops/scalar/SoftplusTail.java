package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * {@code log(1 + exp(-|x|))}, the part that {@code softplus(x) = max(x, 0) + tail(x)} and
 * {@code softplus(-x) = max(-x, 0) + tail(x)} share (it is even in x). The optimizer rewrites a pair
 * {@code softplus(x)}, {@code softplus(-x)} (a binary cross-entropy and its gradient) into this form
 * so that one exp and one log serve both.
 */
public record SoftplusTail() implements UnaryScalarOp {
    @Override
    public String name() {
        return "softplus_tail";
    }

    @Override
    public double apply(double x) {
        return ScalarMath.softplusTail(x);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    /** d/dx log1p(exp(-|x|)) = -sgn(x) * sigmoid(-|x|). */
    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return List.of(T.mul(gz, T.neg(T.mul(T.sgn(x), T.sigmoid(T.neg(T.abs(x)))))));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("org.gradus.ops.scalar.ScalarMath.softplusTail(%s)", a.get(0));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%s.abs().neg().lanewise(jdk.incubator.vector.VectorOperators.EXP).lanewise(jdk.incubator.vector.VectorOperators.LOG1P)", a.get(0));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("log1p(exp(-fabs(%s)))", a.get(0));
    }
}
