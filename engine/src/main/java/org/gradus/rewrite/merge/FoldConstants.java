package org.gradus.rewrite.merge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/** A node whose inputs are all constants is computed once, at compile time (random draws never are). */
public final class FoldConstants implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of();
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        List<TensorConstant> values = Folding.fold(node);
        if (values == null) {
            return Optional.empty();
        }
        Map<TensorVariable, TensorVariable> pairs = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            if (!Patterns.compatible(node.output(i), values.get(i))) {
                return Optional.empty();
            }
            pairs.put(node.output(i), values.get(i));
        }
        return Optional.of(new Replacement(pairs));
    }
}
