package org.gradus.ops.scalar;

import java.util.List;
import org.gradus.Config;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * A function of a few scalars, written once and lifted to tensors by
 * {@link org.gradus.ops.elemwise.Elemwise}, which adds broadcasting, shapes and the reduction of
 * gradients over broadcast axes.
 *
 * <p>An implementation holds, side by side: its output dtype rule, its Java kernel, its expression
 * fragments for generated Java and CUDA C code, and its gradient. Implement it as a record (the
 * parameters, if any, are the components) through {@link UnaryScalarOp}, {@link BinaryScalarOp} or
 * {@link TernaryScalarOp}.
 */
public interface ScalarOp {

    /** The lowercase name, as the user-facing function is named ({@code "add"}, {@code "sigmoid"}). */
    String name();

    /** The number of operands. */
    int arity();

    /** Computes the op on {@code arity()} operands; elements of integer and bool dtypes arrive as exact doubles. */
    double compute(double[] args);

    /** The dtype of the result for operands of these dtypes; by default their common upcast. */
    default DType outputDType(List<DType> inputs) {
        DType d = inputs.get(0);
        for (DType t : inputs) {
            d = DType.upcast(d, t);
        }
        return d;
    }

    /**
     * The gradient with respect to each operand, shaped like the output (the lifting sums over
     * broadcast axes); {@code null} where the output is locally constant in that operand.
     */
    List<TensorVariable> grad(List<TensorVariable> inputs, TensorVariable output, TensorVariable outputGrad);

    /** A Java expression computing the op on the given operand expressions (all of type double). */
    String javaExpression(List<String> args);

    /**
     * A Java expression computing the op on operands that are vectors of the Vector API
     * ({@code jdk.incubator.vector}, {@code FloatVector} or {@code DoubleVector} of one species), lane by
     * lane in the loop's float dtype, or {@code null} (the default) when the op has no vector form, so
     * that loops containing it stay scalar. Transcendental lanes may differ from the scalar kernel by
     * a few ulp (the JDK's vector math library).
     */
    default String vectorExpression(List<String> args) {
        return null;
    }

    /** A CUDA C++ expression computing the op; operands are of the kernel's element type. */
    String cudaExpression(List<String> args);

    /** The infix symbol when the op prints as an operator ({@code "+"}), or {@code null}. */
    default String infixSymbol() {
        return null;
    }

    /**
     * Float dtypes stay; bool and uint8 become float32, which holds them exactly, and wider integers
     * floatX (Theano's {@code upgrade_to_float} for transcendental functions: {@code sqrt} of uint8
     * is float32).
     */
    static DType floatOutput(List<DType> inputs) {
        DType d = inputs.get(0);
        for (DType t : inputs) {
            d = DType.upcast(d, t);
        }
        if (d.isFloat()) {
            return d;
        }
        return d == DType.BOOL || d == DType.UINT8 ? DType.FLOAT32 : Config.get().floatX();
    }
}
