package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * The gradient of {@code log(softmax(x))} as the chain rule writes it, softmax's gradient applied to
 * {@code g / softmax(x)}, becomes log-softmax's gradient {@code g - sum(g, -1, keepdims) * softmax(x)}:
 * no division by probabilities that underflow to 0.
 */
public final class SoftmaxGradOfLogGradToLogSoftmaxGrad extends ElemwiseRewriter {
    public SoftmaxGradOfLogGradToLogSoftmaxGrad() {
        super(Mul.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        SoftmaxGradient sg = SoftmaxGradient.match(node);
        Apply div = sg == null ? null : Patterns.owner(sg.q(), TrueDiv.class);
        if (div == null || div.input(1) != sg.sm()) {
            return null;
        }
        TensorVariable g = div.input(0);
        return T.sub(g, T.mul(T.sum(g, new int[] {-1}, true), sg.sm()));
    }
}
