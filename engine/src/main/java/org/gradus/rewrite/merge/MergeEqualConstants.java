package org.gradus.rewrite.merge;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/** Two constants of equal value (and weakness, dtype and shape) become one, so that their users can merge. */
public final class MergeEqualConstants implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of();
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        for (TensorVariable in : node.inputs()) {
            if (!(in instanceof TensorConstant)) {
                continue;
            }
            TensorConstant c = (TensorConstant) in;
            List<Object> key = Folding.valueKey(c);
            if (key == null) {
                continue;
            }
            for (TensorConstant other : graph.constants()) {
                if (other == c) {
                    break;
                }
                if (key.equals(Folding.valueKey(other))) {
                    return Optional.of(Replacement.of(c, other));
                }
            }
        }
        return Optional.empty();
    }
}
