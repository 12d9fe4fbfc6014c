package org.gradus.grad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.Config;
import org.gradus.GradientException;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.graph.Variable;
import org.gradus.ops.Op;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * Reverse-mode symbolic differentiation: {@code grad} walks the graph from the cost back to the
 * requested variables and returns ordinary symbolic variables, which can be printed, compiled and
 * differentiated again.
 */
public final class Gradients {
    private Gradients() {
    }

    /** See {@link T#grad(TensorVariable, List, GradOptions)}. */
    public static List<TensorVariable> grad(TensorVariable cost, List<? extends TensorVariable> wrt, GradOptions options) {
        if (cost == null) {
            throw new GradientException("grad: the cost is null");
        }
        if (cost.ndim() != 0) {
            throw new GradientException("grad: the cost must be a scalar, but " + cost.describe()
                    + " has " + cost.ndim() + " axes; reduce it first, e.g. with .sum() or .mean()");
        }
        Set<Variable> ancestors = connectedAncestors(cost);
        List<TensorVariable> result = new ArrayList<>();
        List<TensorVariable> connected = new ArrayList<>();
        for (TensorVariable w : wrt) {
            if (w == null) {
                throw new GradientException("grad: a variable to differentiate with respect to is null");
            }
            if (!ancestors.contains(w) && options.disconnectedInputs() == GradOptions.DisconnectedInputs.RAISE) {
                throw new GradientException("grad: the cost " + cost.describe() + " does not depend on "
                        + w.describe() + ". If this is expected, pass "
                        + "GradOptions.DEFAULT.disconnectedInputs(GradOptions.DisconnectedInputs.ZERO) to get zeros.");
            }
            if (ancestors.contains(w)) {
                connected.add(w);
            }
        }
        Map<Variable, TensorVariable> grads = backpropagate(cost, connected);
        for (TensorVariable w : wrt) {
            TensorVariable g = grads.get(w);
            if (g instanceof UndefinedGradient) {
                throw new GradientException("grad: the gradient of the cost with respect to " + w.describe()
                        + " is undefined: " + ((UndefinedGradient) g).reason());
            }
            if (g == null) {
                // PyTensor's rule: the gradient with respect to an integer is a float (zero here)
                g = w.dtype().isFloat() ? T.zerosLike(w) : T.fill(w, T.constant(0.0, Config.get().floatX()));
            } else if (g.dtype() != w.dtype() && w.dtype().isFloat()) {
                g = T.cast(g, w.dtype());
            }
            result.add(g);
        }
        return result;
    }

    /** The variables the cost depends on, not looking through {@code disconnectedGrad}, which cuts the dependence. */
    private static Set<Variable> connectedAncestors(TensorVariable cost) {
        Set<Variable> seen = new HashSet<>();
        List<Variable> stack = new ArrayList<>(List.of(cost));
        while (!stack.isEmpty()) {
            Variable v = stack.remove(stack.size() - 1);
            if (!seen.add(v) || v.owner() == null) {
                continue;
            }
            Op op = v.owner().op();
            if (!(op instanceof GradientBlock && ((GradientBlock) op).disconnected())) {
                stack.addAll(v.owner().inputs());
            }
        }
        return seen;
    }

    private static Map<Variable, TensorVariable> backpropagate(TensorVariable cost, List<TensorVariable> wrt) {
        List<Apply> order = Graphs.toposort(List.of(cost), new HashSet<>());
        Set<Variable> dependsOnWrt = new HashSet<>(wrt);
        for (Apply node : order) {
            for (TensorVariable in : node.inputs()) {
                if (dependsOnWrt.contains(in)) {
                    dependsOnWrt.addAll(node.outputs());
                    break;
                }
            }
        }
        Map<Variable, List<TensorVariable>> contributions = new HashMap<>();
        // an integer cost is seeded with a float 1, as PyTensor does: grad(x, x) is 1.0 for an int x
        TensorVariable seed = cost.dtype().isFloat() ? T.onesLike(cost) : T.fill(cost, T.constant(1.0, Config.get().floatX()));
        contributions.computeIfAbsent(cost, k -> new ArrayList<>()).add(seed);
        Set<Variable> targets = new HashSet<>(wrt);
        for (int n = order.size() - 1; n >= 0; n--) {
            Apply node = order.get(n);
            boolean needed = false;
            for (TensorVariable in : node.inputs()) {
                needed |= dependsOnWrt.contains(in);
            }
            List<TensorVariable> outGrads = new ArrayList<>();
            boolean any = false;
            UndefinedGradient undefinedOut = null;
            for (TensorVariable out : node.outputs()) {
                TensorVariable g = sum(contributions.get(out));
                if (g instanceof UndefinedGradient) {
                    undefinedOut = (UndefinedGradient) g;
                }
                outGrads.add(g);
                any |= g != null;
            }
            if (!needed || !any) {
                continue;
            }
            List<TensorVariable> inGrads;
            if (undefinedOut != null) {
                inGrads = new ArrayList<>();
                for (TensorVariable in : node.inputs()) {
                    inGrads.add(new UndefinedGradient(in, undefinedOut.reason()));
                }
            } else {
                inGrads = node.op().grad(node.inputs(), node.outputs(), outGrads);
                checkGradients(node, inGrads);
            }
            for (int i = 0; i < node.inputs().size(); i++) {
                TensorVariable in = node.input(i);
                TensorVariable g = inGrads.get(i);
                if (g != null && dependsOnWrt.contains(in)) {
                    contributions.computeIfAbsent(in, k -> new ArrayList<>()).add(g);
                }
            }
        }
        Map<Variable, TensorVariable> out = new HashMap<>();
        for (Variable t : targets) {
            out.put(t, sum(contributions.get(t)));
        }
        return out;
    }

    private static void checkGradients(Apply node, List<TensorVariable> inGrads) {
        Op op = node.op();
        if (inGrads == null || inGrads.size() != node.inputs().size()) {
            throw new GradientException("grad: op " + op.name() + " returned "
                    + (inGrads == null ? "null" : inGrads.size() + " gradients") + " for its "
                    + node.inputs().size() + " inputs (node created at " + node.site() + ")");
        }
        for (int i = 0; i < inGrads.size(); i++) {
            TensorVariable g = inGrads.get(i);
            if (g != null && !(g instanceof UndefinedGradient) && g.ndim() != node.input(i).ndim()) {
                throw new GradientException("grad: op " + op.name() + " returned a gradient of rank " + g.ndim()
                        + " for input " + i + " of rank " + node.input(i).ndim() + " (node created at "
                        + node.site() + ")");
            }
        }
    }

    private static TensorVariable sum(List<TensorVariable> terms) {
        if (terms == null || terms.isEmpty()) {
            return null;
        }
        TensorVariable total = null;
        for (TensorVariable t : terms) {
            if (t instanceof UndefinedGradient) {
                return t;
            }
            total = total == null ? t : T.add(total, t);
        }
        return total;
    }

    /** A marker gradient for an input whose gradient does not exist; {@code grad} reports {@code reason} if it is needed. */
    public static TensorVariable undefined(TensorVariable input, String reason) {
        return new UndefinedGradient(input, reason);
    }

    /** See {@link T#zeroGrad}. */
    public static TensorVariable zeroGrad(TensorVariable x) {
        return new GradientBlock(false).apply(x);
    }

    /** See {@link T#disconnectedGrad}. */
    public static TensorVariable disconnectedGrad(TensorVariable x) {
        return new GradientBlock(true).apply(x);
    }

    /** See {@link T#jacobian}. */
    public static TensorVariable jacobian(TensorVariable y, TensorVariable x) {
        return Jacobian.of(y, x);
    }

    /** See {@link T#hessian}. */
    public static TensorVariable hessian(TensorVariable cost, TensorVariable x) {
        if (cost.ndim() != 0) {
            throw new GradientException("hessian: the cost must be a scalar, got " + cost.describe());
        }
        return Jacobian.of(grad(cost, List.of(x), GradOptions.DEFAULT).get(0), x);
    }
}
