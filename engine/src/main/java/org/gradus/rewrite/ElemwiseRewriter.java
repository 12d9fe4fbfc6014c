package org.gradus.rewrite;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.tensor.TensorVariable;

/**
 * Base of the rules that replace the single output of an elementwise node of one scalar op by a new
 * expression. The replacement is proposed only when its type is compatible with the old one.
 */
public abstract class ElemwiseRewriter implements NodeRewriter {
    private final Class<? extends ScalarOp> scalar;

    protected ElemwiseRewriter(Class<? extends ScalarOp> scalar) {
        this.scalar = scalar;
    }

    @Override
    public final Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public final Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        if (!Patterns.is(node, scalar)) {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        TensorVariable r = replace(node, graph);
        if (r == null || r == out || !Patterns.compatible(out, r)) {
            return Optional.empty();
        }
        return Optional.of(Replacement.of(out, r));
    }

    /** The new expression for the node's output, or {@code null} when the rule does not apply. */
    protected abstract TensorVariable replace(Apply node, FunctionGraph graph);
}
