package org.gradus.rewrite.merge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * Common-subexpression elimination: a node that applies an equal op to the very same inputs as an
 * earlier node is replaced by that node. (Dead code needs no rule: the graph is what the outputs
 * reach, so nodes nobody reads disappear.)
 */
public final class MergeEqualNodes implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of();
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        if (node.inputs().isEmpty() || Folding.mustRun(node)) {
            return Optional.empty();
        }
        int here = graph.position(node);
        for (Apply other : graph.clients(node.input(0))) {
            if (other == node || graph.position(other) > here || !other.op().equals(node.op())
                    || !sameInputs(other, node)) {
                continue;
            }
            Map<TensorVariable, TensorVariable> pairs = new LinkedHashMap<>();
            for (int i = 0; i < node.outputs().size(); i++) {
                pairs.put(node.output(i), other.output(i));
            }
            return Optional.of(new Replacement(pairs));
        }
        return Optional.empty();
    }

    private static boolean sameInputs(Apply a, Apply b) {
        if (a.inputs().size() != b.inputs().size()) {
            return false;
        }
        for (int i = 0; i < a.inputs().size(); i++) {
            if (a.input(i) != b.input(i)) {
                return false;
            }
        }
        return true;
    }
}
