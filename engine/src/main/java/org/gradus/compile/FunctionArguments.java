package org.gradus.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.DTypeException;
import org.gradus.GradusException;
import org.gradus.ShapeException;
import org.gradus.graph.Graphs;
import org.gradus.graph.Variable;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * What {@link Function} does with the user's updates and givens before it builds the graph: converts
 * them to tensors, checks dtypes and ranks with messages that name the variable and where the
 * expression was created, and adds the default updates of random streams.
 */
final class FunctionArguments {
    private FunctionArguments() {
    }

    /** The updates as tensors, checked: each keeps its variable's dtype (weak constants adopt it) and rank. */
    static Map<SharedVariable, TensorVariable> checkedUpdates(Map<SharedVariable, Object> userUpdates) {
        Map<SharedVariable, TensorVariable> out = new LinkedHashMap<>();
        for (Map.Entry<SharedVariable, Object> e : userUpdates.entrySet()) {
            SharedVariable target = e.getKey();
            if (e.getValue() == null) {
                throw new GradusException("function: the update for " + target.describe() + " is null");
            }
            TensorVariable expr = T.asTensor(e.getValue());
            if (expr instanceof TensorConstant && ((TensorConstant) expr).isWeak() && expr.dtype() != target.dtype()) {
                expr = T.cast(expr, target.dtype());
            }
            if (expr.dtype() != target.dtype()) {
                throw new DTypeException("function: the update for shared variable " + target.describe() + " has dtype "
                        + expr.dtype() + ", which would silently change the variable's dtype from " + target.dtype()
                        + ". Cast the update: T.cast(expression, DType." + target.dtype().name()
                        + "), or build it from " + target.dtype() + " values (update created at " + expr.site() + ")");
            }
            if (expr.ndim() != target.ndim()) {
                throw new ShapeException("function: the update for shared variable " + target.describe()
                        + " has rank " + expr.ndim() + " " + expr.type().shapeString() + " but the variable has rank "
                        + target.ndim() + " (update created at " + expr.site() + ")");
            }
            checkNotShrinking(target, expr);
            out.put(target, expr);
        }
        return out;
    }

    /**
     * An update whose static shape has length 1 on an axis where the variable's value is longer would
     * silently shrink the variable at the first call; Theano refuses such an update, and so do we.
     */
    private static void checkNotShrinking(SharedVariable target, TensorVariable expr) {
        int[] now = target.valueView().shape();
        for (int a = 0; a < expr.ndim(); a++) {
            if (expr.type().dim(a) == 1 && now[a] != 1) {
                throw new ShapeException("function: the update for shared variable " + target.describe()
                        + " has the broadcastable shape " + expr.type().shapeString() + " but the variable's value has shape "
                        + java.util.Arrays.toString(now) + ": axis " + a + " would shrink from " + now[a]
                        + " to 1. Broadcast the update to the variable's shape, e.g. T.add(T.zerosLike(variable), update)"
                        + " (update created at " + expr.site() + ")");
            }
        }
    }

    /** Adds Theano's default updates (random stream states) for shared variables the user does not update. */
    static void addDefaultUpdates(Map<SharedVariable, TensorVariable> ups, List<TensorVariable> outputs) {
        List<TensorVariable> frontier = new ArrayList<>(outputs);
        frontier.addAll(ups.values());
        boolean added = true;
        while (added) {
            added = false;
            for (Variable v : Graphs.ancestors(frontier)) {
                if (v instanceof SharedVariable) {
                    SharedVariable s = (SharedVariable) v;
                    if (s.defaultUpdate() != null && !ups.containsKey(s)) {
                        ups.put(s, s.defaultUpdate());
                        frontier.add(s.defaultUpdate());
                        added = true;
                    }
                }
            }
        }
    }

    /** The givens as tensors, checked: each replacement has its variable's dtype and rank. */
    static Map<TensorVariable, TensorVariable> checkedGivens(Map<TensorVariable, Object> givens) {
        Map<TensorVariable, TensorVariable> out = new LinkedHashMap<>();
        for (Map.Entry<TensorVariable, Object> e : givens.entrySet()) {
            TensorVariable key = e.getKey();
            TensorVariable value = T.asTensor(e.getValue());
            if (value.dtype() != key.dtype() || value.ndim() != key.ndim()) {
                throw new DTypeException("function: givens replaces " + key.describe() + " by " + value.describe()
                        + ", which has a different dtype or rank");
            }
            out.put(key, value);
        }
        return out;
    }
}
