package org.gradus.rewrite.stabilize;

import java.util.List;
import org.gradus.graph.Apply;
import org.gradus.ops.reduce.Reduce;
import org.gradus.ops.reduce.ReduceKind;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Second;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code (a / sum(exp(x), axes)) * exp(x)}, with the quotient broadcast back over the summed axes
 * (the gradient of {@code log(sum(exp(x), axes))}), becomes the same with {@code x} shifted by its
 * maximum over the axes: a softmax that is finite where {@code exp} overflows.
 */
public final class ExpOverSumOfExpToMaxShifted extends ElemwiseRewriter {
    public ExpOverSumOfExpToMaxShifted() {
        super(Mul.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        for (int side = 0; side < 2; side++) {
            TensorVariable e = node.input(side);
            TensorVariable x = Terms.expArgument(e);
            TensorVariable q = node.input(1 - side);
            Apply fill = Patterns.owner(q, Second.class);
            // the gradient of sum broadcasts with fill(exp(x), ...): the product with exp(x) has its shape anyway
            Apply keep = Patterns.ownerOp(fill != null && fill.input(0) == e ? fill.input(1) : q, DimShuffle.class);
            Apply div = keep == null ? null : Patterns.owner(keep.input(0), TrueDiv.class);
            Apply sum = div == null ? null : Patterns.ownerOp(div.input(1), Reduce.class);
            if (x == null || sum == null || sum.input(0) != e || ((Reduce) sum.op()).kind() != ReduceKind.SUM
                    || !x.dtype().isFloat() || div.input(0).ndim() != div.output(0).ndim()
                    || LogOfSumOfExpToMaxShifted.isShifted(x)) {
                continue;
            }
            List<Integer> axes = ((Reduce) sum.op()).axes();
            if (!((DimShuffle) keep.op()).order().equals(keepDimsOrder(x.ndim(), axes))) {
                continue;
            }
            int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
            TensorVariable shifted = T.exp(T.sub(x, LogOfSumOfExpToMaxShifted.shift(x, ax)));
            TensorVariable softmax = T.div(shifted, T.sum(shifted, ax, true));
            return T.mul(keep.op().apply(div.input(0)), softmax);
        }
        return null;
    }

    private static List<Integer> keepDimsOrder(int ndim, List<Integer> axes) {
        List<Integer> order = new java.util.ArrayList<>();
        int k = 0;
        for (int a = 0; a < ndim; a++) {
            order.add(axes.contains(a) ? -1 : k++);
        }
        return order;
    }
}
