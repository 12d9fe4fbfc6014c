package org.gradus.rewrite.stabilize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * A factor that is both multiplied and divided cancels: {@code (g / s) * (s * (1 - s)) -> g * (1 - s)}.
 * This is what keeps the gradients of {@code log(sigmoid(x))} finite where {@code s} underflows to 0
 * (the chain rule writes {@code 0 / 0} otherwise). When a cancelled factor carried the result's
 * shape, the result is broadcast back with {@code fill}.
 */
public final class CancelCommonFactors implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        if (!(Patterns.is(node, Mul.class) || Patterns.is(node, TrueDiv.class)) || !node.output(0).dtype().isFloat()) {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        Factors f = Factors.of(out, graph);
        if (!f.hasCommonFactor()) {
            return Optional.empty();
        }
        TensorVariable r = f.cancelledLike(out);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
