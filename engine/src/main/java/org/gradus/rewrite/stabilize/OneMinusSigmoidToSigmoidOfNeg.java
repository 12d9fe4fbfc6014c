package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code 1 - sigmoid(x)} becomes {@code sigmoid(-x)} (Theano's {@code local_1msigmoid}), with a
 * {@code 1}, {@code 1.0} or {@code 1f} literal alike: {@code 1 - sigmoid(40)} no longer rounds to 0.
 */
public final class OneMinusSigmoidToSigmoidOfNeg extends ElemwiseRewriter {
    public OneMinusSigmoidToSigmoidOfNeg() {
        super(Sub.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply s = Patterns.owner(node.input(1), Sigmoid.class);
        if (s == null || !Patterns.isConstant(node.input(0), 1)) {
            return null;
        }
        return Patterns.broadcastLike(T.sigmoid(Terms.negated(s.input(0))), node);
    }
}
