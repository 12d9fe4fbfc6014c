package org.gradus.printing;

import org.gradus.ops.elemwise.Composite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * Graphviz DOT export in the spirit of Theano's {@code pydotprint}. Each apply is an ellipse labelled
 * with its op; each root (input, shared variable, constant) and each output is a filled box; the
 * intermediate variables are the edges between applies, labelled with their type (and, when the
 * consumer has several inputs, the input position). Update edges run dashed from the update
 * expression to the shared variable they overwrite.
 *
 * <p>Colours: inputs {@value #INPUT_COLOR}, outputs {@value #OUTPUT_COLOR}, shared variables
 * {@value #SHARED_COLOR}, constants {@value #CONSTANT_COLOR}. Node ids are numbered in traversal
 * order, so the same graph always gives the same text.
 */
final class DotPrinter {
    static final String INPUT_COLOR = "limegreen";
    static final String OUTPUT_COLOR = "dodgerblue";
    static final String SHARED_COLOR = "magenta";
    static final String CONSTANT_COLOR = "lightgrey";
    static final String FUSED_COLOR = "khaki";

    private final StringBuilder nodes = new StringBuilder();
    private final StringBuilder edges = new StringBuilder();
    private final Map<TensorVariable, String> leafIds = new LinkedHashMap<>();
    private final Map<Apply, String> applyIds = new HashMap<>();
    private int counter;

    private DotPrinter() {
    }

    /** The DOT text of a graph named {@code graphName} with these outputs and updates (target to expression). */
    static String print(String graphName, List<TensorVariable> outputs, Map<SharedVariable, TensorVariable> updates) {
        DotPrinter p = new DotPrinter();
        List<TensorVariable> all = new ArrayList<>(outputs);
        all.addAll(updates.values());
        for (Apply node : Graphs.toposort(all)) {
            for (TensorVariable in : node.inputs()) {
                p.leafIfRoot(in);
            }
            p.applyNode(node);
        }
        for (int k = 0; k < outputs.size(); k++) {
            p.outputNode(outputs.get(k), k);
        }
        for (Map.Entry<SharedVariable, TensorVariable> e : updates.entrySet()) {
            String target = p.leafIfRoot(e.getKey());
            String source = p.producer(e.getValue());
            p.edges.append("  ").append(source).append(" -> ").append(target)
                    .append(" [label=\"update\", style=dashed, color=").append(SHARED_COLOR).append("];\n");
        }
        return "digraph " + quote(graphName) + " {\n"
                + "  // colours: inputs " + INPUT_COLOR + ", outputs " + OUTPUT_COLOR + ", shared " + SHARED_COLOR
                + ", constants " + CONSTANT_COLOR + "; dashed edges are updates\n"
                + "  graph [rankdir=TB];\n"
                + "  node [fontname=\"Helvetica\", fontsize=10];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=9];\n"
                + p.nodes + p.edges + "}\n";
    }

    private String nextId() {
        return "n" + counter++;
    }

    /** Declares the box of a root variable once and returns its id; {@code null} for computed variables. */
    private String leafIfRoot(TensorVariable v) {
        if (v.owner() != null) {
            return null;
        }
        String known = leafIds.get(v);
        if (known != null) {
            return known;
        }
        String id = nextId();
        leafIds.put(v, id);
        String label;
        String color;
        if (v instanceof SharedVariable) {
            label = v.name() != null ? v.name() : Labels.placeholder(v);
            color = SHARED_COLOR;
        } else if (v instanceof TensorConstant) {
            label = v.name() != null ? v.name() : Labels.constantText((TensorConstant) v);
            color = CONSTANT_COLOR;
        } else {
            label = v.name() != null ? v.name() : Labels.placeholder(v);
            color = INPUT_COLOR;
        }
        box(id, label + "\n" + Labels.typeText(v.type()), color);
        return id;
    }

    private void applyNode(Apply node) {
        String id = nextId();
        applyIds.put(node, id);
        if (node.op() instanceof Composite) {
            // a fused loop: one box listing what each of its outputs computes from its inputs i0, i1, ...
            List<String> exprs = ((Composite) node.op()).outputExpressions();
            StringBuilder label = new StringBuilder("fused loop (" + ((Composite) node.op()).steps().size() + " ops)");
            for (int k = 0; k < exprs.size(); k++) {
                label.append("\n").append(exprs.size() > 1 ? "out" + k + " = " : "").append(exprs.get(k));
            }
            nodes.append("  ").append(id).append(" [label=").append(quote(label.toString()))
                    .append(", shape=box, style=\"rounded,filled\", fillcolor=").append(FUSED_COLOR).append("];\n");
        } else {
            nodes.append("  ").append(id).append(" [label=").append(quote(Labels.opLabel(node)))
                    .append(", shape=ellipse];\n");
        }
        int n = node.inputs().size();
        for (int i = 0; i < n; i++) {
            TensorVariable in = node.input(i);
            String label = (n > 1 ? i + " " : "") + variableText(in);
            edge(producer(in), id, label);
        }
    }

    private void outputNode(TensorVariable v, int k) {
        String id = nextId();
        String label = (v.name() != null ? v.name() : "output " + k) + "\n" + Labels.typeText(v.type());
        box(id, label, OUTPUT_COLOR);
        edge(producer(v), id, null);
    }

    /** The id of the node that produces {@code v}: its apply, or its own box for roots. */
    private String producer(TensorVariable v) {
        return v.owner() != null ? applyIds.get(v.owner()) : leafIfRoot(v);
    }

    /** The edge text of a variable: output position for multi-output nodes, name, type. */
    private static String variableText(TensorVariable v) {
        StringBuilder sb = new StringBuilder();
        if (v.owner() != null && v.owner().outputs().size() > 1) {
            sb.append("out").append(v.index()).append(' ');
        }
        if (v.owner() != null && v.name() != null) {
            sb.append(Labels.quotedName(v)).append(' ');
        }
        return sb.append(Labels.typeText(v.type())).toString();
    }

    private void box(String id, String label, String color) {
        nodes.append("  ").append(id).append(" [label=").append(quote(label))
                .append(", shape=box, style=filled, fillcolor=").append(color).append("];\n");
    }

    private void edge(String from, String to, String label) {
        edges.append("  ").append(from).append(" -> ").append(to);
        if (label != null) {
            edges.append(" [label=").append(quote(label)).append(']');
        }
        edges.append(";\n");
    }

    /** A DOT string literal; line breaks become DOT's {@code \n} escape. */
    static String quote(String s) {
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "\"" + escaped + "\"";
    }
}
