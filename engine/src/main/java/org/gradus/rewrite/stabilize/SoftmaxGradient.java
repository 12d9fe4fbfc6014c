package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.TensorVariable;

/**
 * Recognises the gradient that {@code Softmax.grad} builds, {@code (q - sum(q * sm, -1, keepdims)) * sm}
 * with {@code sm = softmax(x)}, and gives its incoming gradient {@code q} and {@code sm}.
 */
record SoftmaxGradient(TensorVariable q, TensorVariable sm) {

    /** The parts of the softmax gradient computed by {@code node}, or {@code null}. */
    static SoftmaxGradient match(Apply node) {
        if (!Patterns.is(node, Mul.class)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            TensorVariable sm = node.input(1 - side);
            Apply sub = Patterns.owner(node.input(side), Sub.class);
            if (Patterns.ownerOp(sm, Softmax.class) == null || sub == null) {
                continue;
            }
            TensorVariable q = sub.input(0);
            if (isRowSumOfProduct(sub.input(1), q, sm)) {
                return new SoftmaxGradient(q, sm);
            }
        }
        return null;
    }

    private static boolean isRowSumOfProduct(TensorVariable v, TensorVariable q, TensorVariable sm) {
        Apply keep = Patterns.ownerOp(v, DimShuffle.class);
        java.util.List<Integer> keepOrder = new java.util.ArrayList<>();
        for (int a = 0; a < sm.ndim() - 1; a++) {
            keepOrder.add(a);
        }
        keepOrder.add(-1);
        if (keep == null || !((DimShuffle) keep.op()).order().equals(keepOrder)) {
            return false;
        }
        Apply sum = keep == null ? null : Patterns.ownerOp(keep.input(0), Reduce.class);
        if (sum == null || ((Reduce) sum.op()).kind() != ReduceKind.SUM
                || !((Reduce) sum.op()).axes().equals(java.util.List.of(sm.ndim() - 1))) {
            return false;
        }
        Apply mul = Patterns.owner(sum.input(0), Mul.class);
        return mul != null && (mul.input(0) == q && mul.input(1) == sm || mul.input(0) == sm && mul.input(1) == q);
    }
}
