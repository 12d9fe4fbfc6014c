package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.Switch;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code log(sum(exp(x), axes))} becomes {@code m + log(sum(exp(x - m), axes))} with {@code m} the
 * maximum over the same axes (Theano's {@code local_log_sum_exp} and its {@code logsumexp}): finite
 * where {@code exp} overflows. An infinite maximum shifts by 0, so {@code -inf} and {@code inf}
 * rows keep their values.
 */
public final class LogOfSumOfExpToMaxShifted extends ElemwiseRewriter {
    public LogOfSumOfExpToMaxShifted() {
        super(Log.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply sum = Patterns.ownerOp(node.input(0), Reduce.class);
        if (sum == null || ((Reduce) sum.op()).kind() != ReduceKind.SUM) {
            return null;
        }
        TensorVariable x = Terms.expArgument(sum.input(0));
        if (x == null || !x.dtype().isFloat() || isShifted(x)) {
            return null;
        }
        int[] axes = ((Reduce) sum.op()).axes().stream().mapToInt(Integer::intValue).toArray();
        TensorVariable shift = shift(x, axes);
        TensorVariable shifted = T.log(T.sum(T.exp(T.sub(x, shift)), axes, false));
        return T.add(T.sum(shift, axes, false), shifted);
    }

    /** Whether x is already {@code y - shift(y)} (the rules must not rewrite their own result). */
    static boolean isShifted(TensorVariable x) {
        Apply sub = Patterns.owner(x, Sub.class);
        Apply where = sub == null ? null : Patterns.owner(sub.input(1), Switch.class);
        Apply keep = where == null ? null : Patterns.ownerOp(where.input(2), DimShuffle.class);
        return keep != null && Patterns.ownerOp(keep.input(0), Reduce.class) != null;
    }

    /** The maximum of x over the axes, kept as length-1 axes; 0 where it is infinite. */
    static TensorVariable shift(TensorVariable x, int[] axes) {
        TensorVariable kept = T.max(x, axes, true);
        return T.where(T.eq(T.abs(kept), Double.POSITIVE_INFINITY), 0, kept);
    }
}
