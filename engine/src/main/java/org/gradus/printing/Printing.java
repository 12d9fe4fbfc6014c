package org.gradus.printing;

import java.util.List;
import java.util.Map;
import org.gradus.compile.Function;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;

/**
 * Printing graphs, as Theano's {@code debugprint}, {@code pp} and {@code pydotprint} do: to read a
 * graph before compiling it, or to see what the compiler made of it.
 *
 * <pre>{@code
 * var x = T.scalar("x");
 * Printing.pp(T.constant(2.0).mul(x));        // (2.0 * x)
 * Printing.debugprint(f);                     // outputs, then each update as  shared 'w' [id C] <-  tree
 * Files.writeString(path, Printing.toDot(f)); // render with: dot -Tpng graph.dot -o graph.png
 * }</pre>
 */
public final class Printing {
    private Printing() {
    }

    /**
     * An indented tree, one line per variable: op or root kind, a short id such as {@code [id A]}
     * (a subtree met again prints only its line), type and name. See {@link DebugPrinter} for the format.
     */
    public static String debugprint(TensorVariable v) {
        return new DebugPrinter().tree(requireNonNull(v, "debugprint")).text();
    }

    /** The tree of each compiled output, then for each update {@code shared 'w' [id X] <-} and its tree. */
    public static String debugprint(Function f) {
        DebugPrinter printer = new DebugPrinter();
        for (TensorVariable out : requireNonNull(f, "debugprint").outputs()) {
            printer.tree(out);
        }
        for (Map.Entry<SharedVariable, TensorVariable> e : f.updates().entrySet()) {
            printer.update(e.getKey(), e.getValue());
        }
        return printer.text();
    }

    /** The expression as one line of infix math, e.g. {@code exp((-(x * 2.0)))}. */
    public static String pp(TensorVariable v) {
        return PrettyPrinter.print(requireNonNull(v, "pp"));
    }

    /** Graphviz DOT text for the graph of {@code v}, as a {@code digraph} named {@code gradus_graph}. */
    public static String toDot(TensorVariable v) {
        return DotPrinter.print("gradus_graph", List.of(requireNonNull(v, "toDot")), Map.of());
    }

    /** Graphviz DOT text for a graph of several outputs (the rewrite log's graphs before and after each phase). */
    public static String toDot(List<TensorVariable> outputs, String graphName) {
        return DotPrinter.print(graphName, requireNonNull(outputs, "toDot"), Map.of());
    }

    /** Graphviz DOT text for a compiled function, with its updates as dashed edges, named {@code gradus_function}. */
    public static String toDot(Function f) {
        return DotPrinter.print("gradus_function", requireNonNull(f, "toDot").outputs(), f.updates());
    }

    private static <V> V requireNonNull(V value, String method) {
        if (value == null) {
            throw new IllegalArgumentException("Printing." + method + ": the graph to print is null");
        }
        return value;
    }
}
