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
 * Base of the rules that rewrite the factors of a float product or quotient ({@link Factors}): the
 * gradient graphs that {@code grad} builds spread one expression over nested multiplications and
 * divisions, so these rules look at the whole flattened product, as Theano's {@code parse_mul_tree}.
 */
abstract class ProductRewriter implements NodeRewriter {
    @Override
    public final Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public final Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        if (!(Patterns.is(node, Mul.class) || Patterns.is(node, TrueDiv.class)) || !node.output(0).dtype().isFloat()) {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        Factors f = Factors.of(out, graph);
        if (!rewriteFactors(f)) {
            return Optional.empty();
        }
        TensorVariable r = f.cancelledLike(out);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }

    /** Rewrites the factors in place; returns whether anything changed. */
    abstract boolean rewriteFactors(Factors f);
}
