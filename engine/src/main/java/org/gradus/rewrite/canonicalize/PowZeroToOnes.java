package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Pow;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** {@code x ** 0} becomes ones of the shape of {@code x} (Theano's {@code local_pow_canonicalize}); {@code 0 ** 0} is 1 too. */
public final class PowZeroToOnes extends ElemwiseRewriter {
    public PowZeroToOnes() {
        super(Pow.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        if (!Patterns.isConstant(node.input(1), 0)) {
            return null;
        }
        TensorVariable x = node.input(0);
        return Patterns.broadcastLike(T.fill(x, T.constant(1, node.output(0).dtype())), node);
    }
}
