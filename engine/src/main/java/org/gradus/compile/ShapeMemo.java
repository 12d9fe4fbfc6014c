package org.gradus.compile;

import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.indexing.AdvancedIncSubtensor;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.linalg.Gemv;
import org.gradus.ops.nnet.CategoricalCrossentropy1Hot;
import org.gradus.ops.nnet.LogSoftmax;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.nnet.SoftmaxCrossentropyWithLogits;
import org.gradus.ops.reduce.Argmax;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.shape.Concatenate;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.ops.shape.Shape;
import org.gradus.tensor.NDArray;

/**
 * The output shapes of one node, remembered for the input shapes they were computed from. For ops
 * whose output shapes depend on their input shapes alone (elementwise, products, reductions, softmax,
 * dimshuffle), a call with the same input shapes as the last one reuses the last answer without
 * allocating, and reports that the run-time checks made then still hold. Other ops (whose shapes
 * depend on values, such as indexing or {@code arange}) reuse the last answer when the op confirms,
 * without allocating, that it still holds ({@link Op#sameOutputShapes}), and recompute otherwise.
 */
final class ShapeMemo {
    private final Op op;
    private final boolean shapeOnly;
    private int[][] inputDims;
    private int[][] outputShapes;

    ShapeMemo(Apply node) {
        op = node.op();
        shapeOnly = op instanceof Elemwise || op instanceof Composite || op instanceof Dot || op instanceof Gemm
                || op instanceof org.gradus.ops.linalg.GemmOfTwoProducts
                || op instanceof Gemv || op instanceof Reduce || op instanceof Argmax || op instanceof Softmax
                || op instanceof LogSoftmax || op instanceof SoftmaxCrossentropyWithLogits
                || op instanceof CategoricalCrossentropy1Hot || op instanceof DimShuffle
                || op instanceof Shape || op instanceof Concatenate || op instanceof AdvancedIncSubtensor;
    }

    /** The remembered shapes when the inputs have the shapes of the last computation, else {@code null}. */
    int[][] lookup(NDArray[] inputs) {
        if (!shapeOnly) {
            return outputShapes != null && op.sameOutputShapes(inputs, outputShapes) ? outputShapes : null;
        }
        if (inputDims == null) {
            return null;
        }
        for (int i = 0; i < inputs.length; i++) {
            int[] dims = inputDims[i];
            NDArray a = inputs[i];
            if (a.ndim() != dims.length) {
                return null;
            }
            for (int k = 0; k < dims.length; k++) {
                if (a.dim(k) != dims[k]) {
                    return null;
                }
            }
        }
        return outputShapes;
    }

    /** Remembers shapes computed (and checked) for these inputs. */
    void remember(NDArray[] inputs, int[][] shapes) {
        if (!shapeOnly) {
            outputShapes = shapes;
            return;
        }
        int[][] dims = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            dims[i] = inputs[i].shape();
        }
        inputDims = dims;
        outputShapes = shapes;
    }
}
