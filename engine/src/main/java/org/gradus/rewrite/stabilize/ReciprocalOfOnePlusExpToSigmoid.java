package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code 1 / (1 + exp(-x))} becomes {@code sigmoid(x)} (and {@code 1 / (1 + exp(z))} becomes {@code sigmoid(-z)}). */
public final class ReciprocalOfOnePlusExpToSigmoid extends ElemwiseRewriter {
    public ReciprocalOfOnePlusExpToSigmoid() {
        super(TrueDiv.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        if (!Patterns.isConstant(node.input(0), 1)) {
            return null;
        }
        TensorVariable z = Terms.otherThanOne(node.input(1), Add.class);
        Apply exp = z == null ? null : Patterns.owner(z, Exp.class);
        return exp == null ? null : T.sigmoid(Terms.negated(exp.input(0)));
    }
}
