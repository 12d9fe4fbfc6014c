package org.gradus.printing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * Theano's {@code debugprint}: one line per variable, children indented under the node that uses
 * them. Each variable gets a short id ({@code [id A]}) at its first appearance; a node met again
 * prints its line with the same id but not its inputs, so shared subtrees appear once.
 *
 * <p>Lines read {@code LABEL [id X] DTYPE SHAPE ['NAME']}, where the label is the op
 * ({@code Elemwise{add}}, {@code dot}) for computed variables, and {@code input}, {@code shared} or
 * {@code Constant{VALUE}} for roots. One printer numbers all the trees it prints, so a function's
 * outputs and updates share ids.
 */
final class DebugPrinter {
    private final StringBuilder out = new StringBuilder();
    private final Map<TensorVariable, String> ids = new HashMap<>();
    private final Set<Apply> expanded = new HashSet<>();

    /** Appends the tree of {@code root}. */
    DebugPrinter tree(TensorVariable root) {
        // explicit stack instead of recursion: unrolled training graphs can be thousands of nodes deep
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, "", ""));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            out.append(f.prefix).append(line(f.variable)).append('\n');
            Apply owner = f.variable.owner();
            if (owner == null || !expanded.add(owner)) {
                continue;
            }
            List<TensorVariable> inputs = owner.inputs();
            for (int i = inputs.size() - 1; i >= 0; i--) {
                boolean last = i == inputs.size() - 1;
                stack.push(new Frame(inputs.get(i), f.childPrefix + " |", f.childPrefix + (last ? "  " : " |")));
            }
        }
        return this;
    }

    /** Appends the header {@code shared 'w' [id B] <-} and the tree of the update expression. */
    DebugPrinter update(SharedVariable target, TensorVariable expression) {
        String label = target.name() != null ? Labels.quotedName(target) : Labels.placeholder(target);
        out.append("shared ").append(label).append(" [id ").append(idOf(target)).append("] <-\n");
        return tree(expression);
    }

    String text() {
        return out.toString();
    }

    private String line(TensorVariable v) {
        StringBuilder sb = new StringBuilder(head(v));
        sb.append(" [id ").append(idOf(v)).append("] ").append(Labels.typeText(v.type()));
        if (v.name() != null) {
            sb.append(' ').append(Labels.quotedName(v));
        }
        return sb.toString();
    }

    private static String head(TensorVariable v) {
        if (v.owner() != null) {
            return Labels.ownerLabel(v);
        }
        if (v instanceof SharedVariable) {
            return "shared";
        }
        if (v instanceof TensorConstant) {
            String value = Labels.constantValue((TensorConstant) v);
            return value != null ? "Constant{" + value + "}" : "Constant";
        }
        return "input";
    }

    private String idOf(TensorVariable v) {
        return ids.computeIfAbsent(v, k -> letters(ids.size()));
    }

    /** A, B, ..., Z, AA, AB, ...: spreadsheet column names. */
    static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        int k = n;
        do {
            sb.insert(0, (char) ('A' + k % 26));
            k = k / 26 - 1;
        } while (k >= 0);
        return sb.toString();
    }

    private record Frame(TensorVariable variable, String prefix, String childPrefix) {
    }
}
