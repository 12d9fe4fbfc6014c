package org.gradus.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.graph.Variable;
import org.gradus.tensor.TensorVariable;

/**
 * Rebuilds a graph with some variables replaced (for {@code givens}). Nodes that do not depend on a
 * replaced variable are shared with the original; rebuilt nodes keep their original source line.
 */
public final class GraphClone {
    private final Map<Variable, TensorVariable> replacements = new HashMap<>();

    public GraphClone(Map<? extends TensorVariable, ? extends TensorVariable> substitutions) {
        replacements.putAll(substitutions);
    }

    /** The variables corresponding to {@code outputs} in the rebuilt graph. */
    public List<TensorVariable> apply(List<TensorVariable> outputs) {
        if (replacements.isEmpty()) {
            return outputs;
        }
        for (Apply node : Graphs.toposort(outputs, replacements.keySet())) {
            boolean changed = false;
            List<TensorVariable> ins = new ArrayList<>();
            for (TensorVariable in : node.inputs()) {
                TensorVariable r = replacements.get(in);
                changed |= r != null;
                ins.add(r != null ? r : in);
            }
            if (changed) {
                Apply rebuilt = new Apply(node.op(), ins, node.op().outputTypes(ins), node.site());
                for (int i = 0; i < node.outputs().size(); i++) {
                    TensorVariable old = node.output(i);
                    TensorVariable neu = rebuilt.output(i);
                    if (old.name() != null) {
                        neu.setName(old.name());
                    }
                    replacements.put(old, neu);
                }
            }
        }
        List<TensorVariable> out = new ArrayList<>();
        for (TensorVariable o : outputs) {
            TensorVariable r = replacements.get(o);
            out.add(r != null ? r : o);
        }
        return out;
    }
}
