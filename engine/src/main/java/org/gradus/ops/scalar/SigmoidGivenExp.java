package org.gradus.ops.scalar;

import java.util.Arrays;
import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * {@code sigmoid(x)} from {@code e = exp(-|x|)}, which a graph computing {@code softplus_tail(x)}
 * already has: {@code 1 / (1 + e)} for {@code x >= 0}, {@code e / (1 + e)} below, so that one exp serves
 * the cross-entropy and its gradient. The optimizer makes it ({@code SigmoidFromSharedExp}); for
 * {@code x >= 0} it is the bits of {@link Sigmoid}, below within a few ulp (and no less accurate).
 *
 * <p>As a function of two inputs it is flat in x (given e) and
 * {@code ∂/∂e = ∓1 / (1 + e)²} (minus for {@code x >= 0}).
 */
public record SigmoidGivenExp() implements BinaryScalarOp {
    @Override
    public String name() {
        return "sigmoid_given_exp";
    }

    @Override
    public double apply(double x, double e) {
        return (x >= 0 ? 1.0 : e) / (1.0 + e);
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return ScalarOp.floatOutput(inputs);
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        TensorVariable e = inputs.get(1);
        TensorVariable sign = T.where(T.ge(x, 0), T.constant(-1.0, e.dtype()), T.constant(1.0, e.dtype()));
        return Arrays.asList(null, T.div(T.mul(gz, sign), T.sqr(T.add(e, 1))));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("((%1$s >= 0 ? 1.0 : %2$s) / (1.0 + %2$s))", a.get(0), a.get(1));
    }

    @Override
    public String vectorExpression(List<String> a) {
        return String.format("%2$s.broadcast(1).blend(%2$s, %1$s.compare(jdk.incubator.vector.VectorOperators.LT, 0))"
                + ".div(%2$s.add(1))", a.get(0), a.get(1));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("((%1$s >= 0 ? 1 : %2$s) / (1 + %2$s))", a.get(0), a.get(1));
    }
}
