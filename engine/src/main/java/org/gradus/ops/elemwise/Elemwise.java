package org.gradus.ops.elemwise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * A scalar op applied to every element of its operands, with NumPy broadcasting.
 *
 * <p>The gradient comes from the scalar op and is then summed over every axis along which the
 * operand was broadcast, so that it has the operand's own shape. An axis may broadcast only where
 * its static length is 1 (checked at run time by {@link #checkRuntimeBroadcast}), as in Theano.
 */
public record Elemwise(ScalarOp scalarOp) implements Op {

    @Override
    public String name() {
        return scalarOp.name();
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        if (inputs.size() != scalarOp.arity()) {
            throw new IllegalArgumentException(name() + " takes " + scalarOp.arity() + " operands, got " + inputs.size());
        }
        int[] shape = Broadcasting.staticShape(name(), inputs);
        return List.of(TensorType.of(scalarOp.outputDType(operandDTypes(inputs)), shape));
    }

    /**
     * The operand dtypes used for the result's dtype. A weak constant (one made from a plain Java
     * number) takes the dtype of the other operands when it fits, so {@code x.mul(2)} keeps a float32
     * {@code x} float32, as Python numbers do in NumPy and Theano.
     */
    public static List<DType> operandDTypes(List<TensorVariable> inputs) {
        DType strong = null;
        for (TensorVariable v : inputs) {
            if (!isWeak(v)) {
                strong = strong == null ? v.type().dtype() : DType.upcast(strong, v.type().dtype());
            }
        }
        List<DType> out = new ArrayList<>(inputs.size());
        for (TensorVariable v : inputs) {
            DType d = v.type().dtype();
            if (isWeak(v) && strong != null && d.kind().ordinal() <= strong.kind().ordinal()) {
                d = strong;
            }
            out.add(d);
        }
        return out;
    }

    private static boolean isWeak(TensorVariable v) {
        return v instanceof TensorConstant && ((TensorConstant) v).isWeak();
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {runtimeShape(name(), inputs)};
    }

    /** The broadcast shape of run-time operands; {@code op} names the op in the error for shapes that do not broadcast. */
    static int[] runtimeShape(String op, NDArray[] inputs) {
        int ndim = 0;
        for (NDArray a : inputs) {
            ndim = Math.max(ndim, a.ndim());
        }
        int[] out = new int[ndim];
        Arrays.fill(out, 1);
        for (int axis = 0; axis < ndim; axis++) {
            for (NDArray a : inputs) {
                int k = axis - (ndim - a.ndim());
                int d = k < 0 ? 1 : a.dim(k);
                if (d != 1) {
                    if (out[axis] != 1 && out[axis] != d) {
                        throw new ShapeException(op + ": operands of shapes " + runtimeShapes(inputs)
                                + " do not broadcast: axis " + axis + " has lengths " + out[axis] + " and " + d);
                    }
                    out[axis] = d;
                }
            }
        }
        return out;
    }

    /**
     * Rejects run-time broadcasting of an axis that is not broadcastable in the static type (Theano's
     * rule): the gradient sums only over statically broadcastable axes, so it would come out wrong.
     */
    public static void checkRuntimeBroadcast(org.gradus.graph.Apply node, NDArray[] inputs, int[] outShape) {
        for (int i = 0; i < inputs.length; i++) {
            TensorType type = node.input(i).type();
            int pad = outShape.length - inputs[i].ndim();
            for (int k = 0; k < inputs[i].ndim(); k++) {
                if (inputs[i].dim(k) == 1 && outShape[k + pad] != 1 && type.dim(k) != 1) {
                    throw new ShapeException(node.op().name() + ": operand " + i + ", " + node.input(i).describe()
                            + ", has length 1 on axis " + k + " at run time and would be broadcast to length "
                            + outShape[k + pad] + ", but that axis is not broadcastable in its static type. Declare "
                            + "it (length 1 in T.tensor(dtype, name, shape...)) or insert it with dimshuffle(..., -1, ...)");
                }
            }
        }
    }

    private static String runtimeShapes(NDArray[] inputs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            sb.append(i == 0 ? "" : " and ").append(Arrays.toString(inputs[i].shape()));
        }
        return sb.toString();
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        ElemwiseKernel.run(scalarOp, inputs, outputs[0]);
    }

    /** Element strides of {@code a} seen as an array of {@code ndim} axes; 0 along broadcast axes. */
    static int[] broadcastStrides(NDArray a, int ndim) {
        int[] own = a.strides();
        int[] st = new int[ndim];
        int pad = ndim - a.ndim();
        for (int axis = pad; axis < ndim; axis++) {
            int k = axis - pad;
            st[axis] = a.dim(k) == 1 ? 0 : own[k];
        }
        return st;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable gz = outputGrads.get(0);
        List<TensorVariable> raw = scalarOp.grad(inputs, outputs.get(0), gz);
        List<TensorVariable> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            TensorVariable in = inputs.get(i);
            TensorVariable g = raw.get(i);
            // an integer operand of a float result gets the float gradient it would have as a float
            // (PyTensor's rule); an integer result passes no gradient
            if (g == null || !in.type().dtype().isFloat() && !outputs.get(0).dtype().isFloat()) {
                result.add(null);
                continue;
            }
            result.add(reduceToShapeOf(g, in, outputs.get(0).type()));
        }
        return result;
    }

    /**
     * Sums a gradient shaped like the output over the axes along which {@code input} was broadcast,
     * and gives it the input's rank and, for a float input, its dtype.
     */
    static TensorVariable reduceToShapeOf(TensorVariable g, TensorVariable input, TensorType outType) {
        TensorType in = input.type();
        TensorVariable r = g;
        if (r.type().ndim() < in.ndim()) {
            r = T.fill(input, r);
        }
        int gNdim = r.type().ndim();
        int pad = gNdim - in.ndim();
        List<Integer> axes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        int kept = 0;
        for (int axis = 0; axis < gNdim; axis++) {
            boolean padded = axis < pad;
            boolean stretched = !padded && in.dim(axis - pad) == 1 && r.type().dim(axis) != 1;
            if (padded || stretched) {
                axes.add(axis);
                if (!padded) {
                    order.add(-1);
                }
            } else if (!padded) {
                order.add(kept++);
            }
        }
        if (!axes.isEmpty()) {
            r = T.sum(r, axes.stream().mapToInt(Integer::intValue).toArray());
            r = T.dimshuffle(r, order.stream().mapToInt(Integer::intValue).toArray());
        }
        if (r.type().dtype() != in.dtype() && in.dtype().isFloat()) {
            r = T.cast(r, in.dtype());
        }
        return r;
    }
}
