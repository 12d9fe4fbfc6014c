package org.gradus.printing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * Theano's {@code pp}: a graph as one line of math. Elementwise ops with an infix symbol print as
 * fully parenthesized operators ({@code (x + y)}, {@code (-x)}), every other op as a call of its
 * name ({@code exp(x)}, {@code dot(W, x)}, {@code dimshuffle{x,0}(b)}, {@code sum(x)}, {@code sum[0](x)}). Roots print as their name,
 * constants as their value ({@code 2.0}; a weak integer as {@code 1}), unnamed inputs as a
 * placeholder such as {@code <float64 matrix>}. Computed variables always print as their
 * expression, even when named, so that the whole computation shows.
 */
final class PrettyPrinter {
    private PrettyPrinter() {
    }

    static String print(TensorVariable root) {
        Map<TensorVariable, String> memo = new HashMap<>();
        // topological order builds every input's text before its users', without recursion
        for (Apply node : Graphs.toposort(List.of(root))) {
            String[] args = new String[node.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                TensorVariable in = node.input(i);
                args[i] = in.owner() == null ? leaf(in) : memo.get(in);
            }
            String call = expression(node, args);
            for (TensorVariable o : node.outputs()) {
                memo.put(o, node.outputs().size() > 1 ? call + "[" + o.index() + "]" : call);
            }
        }
        return root.owner() == null ? leaf(root) : memo.get(root);
    }

    private static String expression(Apply node, String[] args) {
        Op op = node.op();
        if (op instanceof Elemwise) {
            ScalarOp scalar = ((Elemwise) op).scalarOp();
            String symbol = scalar.infixSymbol();
            if (symbol != null && args.length == 2) {
                return "(" + args[0] + " " + symbol + " " + args[1] + ")";
            }
            if (symbol != null && args.length == 1) {
                return "(" + symbol + args[0] + ")";
            }
            return scalar.name() + "(" + String.join(", ", args) + ")";
        }
        return Labels.opName(node) + "(" + String.join(", ", args) + ")";
    }

    private static String leaf(TensorVariable v) {
        if (v.name() != null) {
            return v.name();
        }
        if (v instanceof TensorConstant) {
            return Labels.constantText((TensorConstant) v);
        }
        return Labels.placeholder(v);
    }
}
