package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.nnet.OneHot;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Switch;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * The gradient of {@code categoricalCrossentropy(softmax(x), y)} as the chain rule writes it,
 * softmax's gradient applied to {@code -(g * onehot) / where(onehot, softmax(x), 1)}, becomes
 * {@code (softmax(x) - onehot) * g}: finite even when the label's probability underflows to 0.
 */
public final class SoftmaxCrossentropyGradToSoftmaxMinusOneHot extends ElemwiseRewriter {
    public SoftmaxCrossentropyGradToSoftmaxMinusOneHot() {
        super(Mul.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        SoftmaxGradient sg = SoftmaxGradient.match(node);
        Apply div = sg == null ? null : Patterns.owner(sg.q(), TrueDiv.class);
        if (div == null) {
            return null;
        }
        Apply num = Patterns.owner(div.input(0), Mul.class);
        Apply where = Patterns.owner(div.input(1), Switch.class);
        if (num == null || where == null) {
            return null;
        }
        Apply neg = Patterns.owner(num.input(0), Neg.class);
        TensorVariable onehot = num.input(1);
        Apply oh = Patterns.ownerOp(onehot, OneHot.class);
        if (neg == null || oh == null || oh.input(1) != sg.sm() || where.input(0) != onehot
                || where.input(1) != sg.sm() || !Patterns.isConstant(where.input(2), 1)) {
            return null;
        }
        return T.mul(T.sub(sg.sm(), onehot), neg.input(0));
    }
}
