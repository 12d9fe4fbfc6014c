package org.gradus.ops.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.ShapeException;
import org.gradus.backend.cpu.ParallelCopy;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * NumPy's {@code concatenate}: joins tensors of equal rank along the existing axis {@code axis}
 * (non-negative here; the facade normalizes negative axes). All other axes must have equal lengths.
 * The result has the upcast dtype of the inputs and, along {@code axis}, the sum of their lengths.
 * The gradient with respect to input {@code i} is the slice of the output gradient that input filled.
 */
public record Concatenate(int axis) implements Op {

    @Override
    public String name() {
        return "concatenate{axis=" + axis + "}";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        if (inputs.isEmpty()) {
            throw new ShapeException(name() + ": needs at least one tensor");
        }
        TensorVariable first = inputs.get(0);
        int ndim = first.ndim();
        if (ndim == 0) {
            throw new ShapeException(name() + ": scalars cannot be concatenated, operand 0 is " + first.describe());
        }
        if (axis < 0 || axis >= ndim) {
            throw new ShapeException(name() + ": axis " + axis + " is out of range for operand 0 " + first.describe());
        }
        int[] out = first.type().shape();
        DType dtype = first.dtype();
        for (int i = 1; i < inputs.size(); i++) {
            TensorVariable x = inputs.get(i);
            if (x.ndim() != ndim) {
                throw new ShapeException(name() + ": all operands must have the same rank, but operand 0 has shape "
                        + first.type().shapeString() + " and operand " + i + " has shape " + x.type().shapeString()
                        + " (" + x.describe() + ")");
            }
            dtype = DType.upcast(dtype, x.dtype());
            for (int a = 0; a < ndim; a++) {
                int d = x.type().dim(a);
                if (a == axis) {
                    out[a] = out[a] == TensorType.UNKNOWN || d == TensorType.UNKNOWN ? TensorType.UNKNOWN : out[a] + d;
                } else if (out[a] == TensorType.UNKNOWN) {
                    out[a] = d;
                } else if (d != TensorType.UNKNOWN && d != out[a]) {
                    throw new ShapeException(name() + ": operand " + i + " has shape " + x.type().shapeString()
                            + " but the operands before it have length " + out[a] + " on axis " + a
                            + "; only axis " + axis + " may differ (" + x.describe() + ")");
                }
            }
        }
        return List.of(TensorType.of(dtype, out));
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int[] out = inputs[0].shape();
        for (int i = 1; i < inputs.length; i++) {
            int[] s = inputs[i].shape();
            for (int a = 0; a < out.length; a++) {
                if (a == axis) {
                    out[a] += s[a];
                } else if (s[a] != out[a]) {
                    throw new ShapeException(name() + ": operand " + i + " has shape " + Arrays.toString(s)
                            + " but operand 0 has shape " + Arrays.toString(inputs[0].shape())
                            + "; only axis " + axis + " may differ");
                }
            }
        }
        return new int[][] {out};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray out = outputs[0];
        int outer = outerSize(out.shape(), axis);
        int outRow = out.size() / Math.max(outer, 1);
        int offset = 0;
        for (NDArray x : inputs) {
            int row = x.size() / Math.max(outer, 1);
            for (int o = 0; o < outer; o++) {
                copyRange(x, o * row, out, o * outRow + offset, row);
            }
            offset += row;
        }
    }

    /** The gradient splits the output gradient back into pieces shaped like each input. */
    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        List<TensorVariable> splitInputs = new ArrayList<>();
        splitInputs.add(outputGrads.get(0));
        splitInputs.addAll(inputs);
        List<TensorVariable> pieces = new ConcatenateGrad(axis).makeNode(splitInputs).outputs();
        List<TensorVariable> grads = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            DType d = inputs.get(i).dtype();
            // integer and bool inputs are not differentiable
            grads.add(d.isFloat() ? T.cast(pieces.get(i), d) : null);
        }
        return grads;
    }

    /** The number of blocks before {@code axis}: the product of the lengths of the axes before it. */
    static int outerSize(int[] shape, int axis) {
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        return outer;
    }

    /** Copies {@code length} elements, converting dtypes; integers go through {@code long} to stay exact. */
    static void copyRange(NDArray src, int srcOffset, NDArray dst, int dstOffset, int length) {
        if (src.dtype() == dst.dtype()) {
            ParallelCopy.copy(src, srcOffset, dst, dstOffset, length);   // same dtype: one block copy (split when big)
            return;
        }
        boolean exact = !src.dtype().isFloat() && !dst.dtype().isFloat();
        for (int k = 0; k < length; k++) {
            if (exact) {
                dst.setLong(dstOffset + k, src.getLong(srcOffset + k));
            } else {
                dst.set(dstOffset + k, src.get(srcOffset + k));
            }
        }
    }
}
