package org.gradus.rewrite.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradus.compile.NoFolding;
import org.gradus.graph.Apply;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;

/** Computing a node at compile time, and the identity of constant values. */
public final class Folding {
    /** Constants larger than this are neither produced by folding nor compared by value. */
    public static final int MAX_FOLDED_SIZE = 1 << 16;

    private Folding() {
    }

    /** Whether nodes of this op must run at every call (random draws): never folded, never merged. */
    public static boolean mustRun(Apply node) {
        return node.op().getClass().isAnnotationPresent(NoFolding.class);
    }

    /**
     * The outputs of a node whose inputs are all constants, computed now; {@code null} when the node
     * cannot be folded (a stateful op, a failure left for run time, or a result that is too large).
     * Results of weak scalar operands stay weak, so that they keep adapting to other operands' dtypes.
     */
    public static List<TensorConstant> fold(Apply node) {
        if (mustRun(node) || node.inputs().isEmpty()) {
            return null;
        }
        NDArray[] values = new NDArray[node.inputs().size()];
        boolean allWeak = true;
        for (int i = 0; i < values.length; i++) {
            if (!(node.input(i) instanceof TensorConstant)) {
                return null;
            }
            TensorConstant c = (TensorConstant) node.input(i);
            values[i] = c.valueView();
            allWeak &= c.isWeak();
        }
        NDArray[] outs;
        try {
            int[][] shapes = node.op().outputShapes(values);
            outs = new NDArray[shapes.length];
            for (int o = 0; o < outs.length; o++) {
                if (Arrays.stream(shapes[o]).asLongStream().reduce(1, (a, b) -> a * b) > MAX_FOLDED_SIZE) {
                    return null;
                }
                outs[o] = NDArray.zeros(node.output(o).dtype(), shapes[o]);
            }
            node.op().perform(values, outs);
        } catch (RuntimeException e) {
            return null; // the error is reported at run time, with the node and the user's line
        }
        List<TensorConstant> result = new ArrayList<>();
        for (int o = 0; o < outs.length; o++) {
            result.add(allWeak && outs[o].ndim() == 0 ? TensorConstant.weak(outs[o]) : T.constant(outs[o], outs[o].dtype()));
        }
        return result;
    }

    /** A key equal for constants of equal weakness, dtype, shape and values; {@code null} for large ones. */
    public static List<Object> valueKey(TensorConstant c) {
        NDArray v = c.valueView();
        if (v.size() > MAX_FOLDED_SIZE) {
            return null;
        }
        return List.of(c.isWeak(), v.dtype(), Arrays.toString(v.shape()), Arrays.toString(v.toDoubleArray()));
    }
}
