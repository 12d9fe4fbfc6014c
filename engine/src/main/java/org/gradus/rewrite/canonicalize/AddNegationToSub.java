package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Neg;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code x + (-y)} and {@code (-y) + x} become {@code x - y} (Theano's {@code local_add_neg_to_sub}):
 * the gradient of {@code log1p(-s)} writes {@code -s + 1}, which then merges with a {@code 1 - s}.
 */
public final class AddNegationToSub extends ElemwiseRewriter {
    public AddNegationToSub() {
        super(Add.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        for (int side = 0; side < 2; side++) {
            Apply neg = Patterns.owner(node.input(side), Neg.class);
            if (neg != null) {
                return T.sub(node.input(1 - side), neg.input(0));
            }
        }
        return null;
    }
}
