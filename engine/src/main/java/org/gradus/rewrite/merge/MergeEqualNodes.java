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
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * Common-subexpression elimination: a node that applies an equal op to the very same inputs as an
 * earlier node is replaced by that node. Weak numbers count by value: {@code 1 - s}, {@code 1.0 - s}
 * and {@code 1f - s} of one float {@code s} are the same node when their results have one type, so
 * the user's {@code 1.0 - sigmoid(x)} merges with the {@code 1 - sigmoid(x)} of the sigmoid's
 * gradient and the common factor cancels. (Dead code needs no rule: the graph is what the outputs
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
        for (Apply other : graph.clients(anchor(node))) {
            if (other == node || graph.position(other) > here || !other.op().equals(node.op())
                    || !sameInputs(other, node)) {
                continue;
            }
            Map<TensorVariable, TensorVariable> pairs = new LinkedHashMap<>();
            for (int i = 0; i < node.outputs().size(); i++) {
                if (!other.output(i).type().equals(node.output(i).type())) {
                    return Optional.empty();
                }
                pairs.put(node.output(i), other.output(i));
            }
            return Optional.of(new Replacement(pairs));
        }
        return Optional.empty();
    }

    /** The first input that is not a weak number: an equal node must read it too. */
    private static TensorVariable anchor(Apply node) {
        for (TensorVariable in : node.inputs()) {
            if (weakScalar(in) == null) {
                return in;
            }
        }
        return node.input(0);
    }

    private static boolean sameInputs(Apply a, Apply b) {
        if (a.inputs().size() != b.inputs().size()) {
            return false;
        }
        for (int i = 0; i < a.inputs().size(); i++) {
            if (a.input(i) != b.input(i) && !sameWeakNumber(a.input(i), b.input(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameWeakNumber(TensorVariable x, TensorVariable y) {
        TensorConstant a = weakScalar(x);
        TensorConstant b = weakScalar(y);
        if (a == null || b == null) {
            return false;
        }
        if (a.dtype().isInteger() && b.dtype().isInteger()) {
            return a.valueView().getLong(0) == b.valueView().getLong(0);
        }
        return a.valueView().doubleValue() == b.valueView().doubleValue();
    }

    private static TensorConstant weakScalar(TensorVariable v) {
        return v instanceof TensorConstant c && c.isWeak() && v.ndim() == 0 ? c : null;
    }
}
