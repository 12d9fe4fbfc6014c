package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/** {@code cond ? a : b} elementwise (Theano's {@code switch}). */
public record Switch() implements TernaryScalarOp {
    @Override
    public String name() {
        return "where";
    }

    @Override
    public double apply(double x, double y, double z) {
        return x != 0 ? y : z;
    }

    @Override
    public DType outputDType(List<DType> inputs) {
        return DType.upcast(inputs.get(1), inputs.get(2));
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable gz) {
        TensorVariable x = inputs.get(0);
        return java.util.Arrays.asList(null, T.where(x, gz, T.zerosLike(gz)), T.where(x, T.zerosLike(gz), gz));
    }

    @Override
    public String javaExpression(List<String> a) {
        return String.format("(%s != 0 ? %s : %s)", a.get(0), a.get(1), a.get(2));
    }

    @Override
    public String cudaExpression(List<String> a) {
        return String.format("(%s != 0 ? %s : %s)", a.get(0), a.get(1), a.get(2));
    }
}
