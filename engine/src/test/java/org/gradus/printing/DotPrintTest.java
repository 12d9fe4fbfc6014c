package org.gradus.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.graph.Apply;
import org.gradus.graph.Graphs;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** Structure, colours, updates, determinism and escaping of {@link Printing#toDot}. */
class DotPrintTest {
    private static final Pattern NODE = Pattern.compile("^  (n\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\", (.*)\\];$");
    private static final Pattern EDGE = Pattern.compile("^  (n\\d+) -> (n\\d+)( \\[.*\\])?;$");

    private static TensorVariable layer(TensorVariable x, SharedVariable w, SharedVariable b) {
        return T.sigmoid(T.dot(x, w).add(b));
    }

    @Test
    void graphHasOneNodePerApplyRootAndOutputAndOneEdgePerUse() {
        var x = T.matrix("x");
        SharedVariable w = Gradus.shared(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}}, "w");
        SharedVariable b = Gradus.shared(new double[] {0.5, -0.5, 1, 2}, "b");
        TensorVariable y = T.sum(layer(x, w, b).mul(2.0));
        String dot = Printing.toDot(y);
        String[] lines = dot.split("\n");
        assertThat(lines[0]).isEqualTo("digraph \"gradus_graph\" {");
        assertThat(dot).endsWith("}\n");
        assertThat(lines).allMatch(l -> l.equals(lines[0]) || l.equals("}") || l.startsWith("  //")
                || l.startsWith("  graph [") || l.startsWith("  node [") || l.startsWith("  edge [")
                || NODE.matcher(l).matches() || EDGE.matcher(l).matches());

        List<Apply> applies = Graphs.toposort(List.of(y));
        int roots = Graphs.roots(List.of(y)).size();
        int uses = applies.stream().mapToInt(a -> a.inputs().size()).sum();
        assertThat(applies).hasSize(5);
        assertThat(roots).isEqualTo(4);
        assertThat(count(lines, NODE)).isEqualTo(applies.size() + roots + 1);
        assertThat(count(lines, EDGE)).isEqualTo(uses + 1);
        assertThat(dot).contains("[label=\"Elemwise{sigmoid}\", shape=ellipse]")
                .contains("[label=\"dot\", shape=ellipse]").contains("[label=\"sum\", shape=ellipse]");
    }

    @Test
    void rootsAndOutputsHaveTheirColours() {
        var x = T.matrix("x");
        SharedVariable w = Gradus.shared(new double[][] {{1, 2}, {3, 4}, {5, 6}}, "w");
        String dot = Printing.toDot(T.dot(x, w).mul(3.0).setName("y"));
        assertThat(dot).contains("[label=\"x\\nfloat64 (?, ?)\", shape=box, style=filled, fillcolor=limegreen]")
                .contains("[label=\"w\\nfloat64 (?, ?)\", shape=box, style=filled, fillcolor=magenta]")
                .contains("[label=\"3.0\\nfloat64 ()\", shape=box, style=filled, fillcolor=lightgrey]")
                .contains("[label=\"y\\nfloat64 (?, ?)\", shape=box, style=filled, fillcolor=dodgerblue]");
        // the two inputs of dot are numbered, with their types
        assertThat(dot).contains("[label=\"0 float64 (?, ?)\"]").contains("[label=\"1 float64 (?, ?)\"]");
    }

    @Test
    void functionUpdatesAreDashedEdgesIntoTheSharedVariable() {
        var x = T.matrix("x");
        SharedVariable w = Gradus.shared(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}}, "w");
        SharedVariable b = Gradus.shared(new double[] {0.5, -0.5, 1, 2}, "b");
        TensorVariable cost = T.sum(layer(x, w, b));
        List<TensorVariable> g = T.grad(cost, List.of(w, b));
        Function f = Gradus.function(List.of(x), cost, Map.of(w, w.sub(g.get(0).mul(0.1)), b, b.sub(g.get(1).mul(0.1))));
        String dot = Printing.toDot(f);
        String[] lines = dot.split("\n");
        assertThat(lines[0]).isEqualTo("digraph \"gradus_function\" {");
        String wNode = nodeId(lines, "w\\nfloat64 (?, ?)");
        String bNode = nodeId(lines, "b\\nfloat64 (?,)");
        List<String> updates = Arrays.stream(lines).filter(l -> l.contains("label=\"update\"")).toList();
        assertThat(updates).hasSize(2).allMatch(l -> l.contains("style=dashed"));
        assertThat(updates).anyMatch(l -> l.endsWith(" -> " + wNode + " [label=\"update\", style=dashed, color=magenta];"));
        assertThat(updates).anyMatch(l -> l.endsWith(" -> " + bNode + " [label=\"update\", style=dashed, color=magenta];"));
        // every edge joins declared nodes
        List<String> ids = Arrays.stream(lines).map(NODE::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertThat(ids).doesNotHaveDuplicates();
        for (String l : lines) {
            Matcher m = EDGE.matcher(l);
            if (m.matches()) {
                assertThat(ids).contains(m.group(1), m.group(2));
            }
        }
    }

    @Test
    void outputIsDeterministicForTheSameGraphAndForAnIdenticalRebuild() {
        var x = T.matrix("x");
        SharedVariable w = Gradus.shared(new double[][] {{1, 2, 3}, {4, 5, 6}}, "w");
        SharedVariable b = Gradus.shared(new double[] {1, 2, 3}, "b");
        TensorVariable y = layer(x, w, b);
        assertThat(Printing.toDot(y)).isEqualTo(Printing.toDot(y));
        var x2 = T.matrix("x");
        SharedVariable w2 = Gradus.shared(new double[][] {{1, 2, 3}, {4, 5, 6}}, "w");
        SharedVariable b2 = Gradus.shared(new double[] {1, 2, 3}, "b");
        assertThat(Printing.toDot(layer(x2, w2, b2))).isEqualTo(Printing.toDot(y));
        Function f = Gradus.function(List.of(x), y, Map.of(b, b.mul(0.5)));
        assertThat(Printing.toDot(f)).isEqualTo(Printing.toDot(f));
    }

    @Test
    void quotesBackslashesAndLineBreaksInNamesAreEscaped() {
        var x = T.vector("say \"hi\"\\now");
        String dot = Printing.toDot(x.add(1).setName("two\nlines"));
        assertThat(dot).contains("[label=\"say \\\"hi\\\"\\\\now\\nfloat64 (?,)\"")
                .contains("[label=\"two\\nlines\\nfloat64 (?,)\"");
        assertThat(dot.split("\n")).allMatch(l -> !l.contains("[label=") || NODE.matcher(l).matches()
                || EDGE.matcher(l).matches());
    }

    @Test
    void aRootOutputIsLinkedFromItsOwnBox() {
        var x = T.vector("x");
        String[] lines = Printing.toDot(x).split("\n");
        assertThat(count(lines, NODE)).isEqualTo(2);
        assertThat(count(lines, EDGE)).isEqualTo(1);
    }

    private static long count(String[] lines, Pattern p) {
        return Arrays.stream(lines).filter(l -> p.matcher(l).matches()).count();
    }

    private static String nodeId(String[] lines, String label) {
        for (String l : lines) {
            Matcher m = NODE.matcher(l);
            if (m.matches() && m.group(2).equals(label)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no node labelled " + label);
    }
}
