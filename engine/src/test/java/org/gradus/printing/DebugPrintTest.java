package org.gradus.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;

/** The tree layout, ids, types and names of {@link Printing#debugprint}. */
class DebugPrintTest {

    @Test
    void smallGraphPrintsTheExpectedTree() {
        var x = T.tensor(DType.FLOAT64, "x", -1, 3);
        var y = T.vector("y");
        var z = x.add(y).mul(T.constant(2.0)).setName("z");
        assertThat(Printing.debugprint(z)).isEqualTo(""
                + "Elemwise{mul} [id A] float64 (?, 3) 'z'\n"
                + " |Elemwise{add} [id B] float64 (?, 3)\n"
                + " | |input [id C] float64 (?, 3) 'x'\n"
                + " | |input [id D] float64 (?,) 'y'\n"
                + " |Constant{2.0} [id E] float64 ()\n");
    }

    @Test
    void aRepeatedSubtreePrintsOnceAndLaterOnlyItsIdLine() {
        var x = T.matrix("x");
        var h = T.exp(x.neg());
        String text = Printing.debugprint(h.mul(h));
        String[] lines = text.split("\n");
        assertThat(lines).containsExactly(
                "Elemwise{mul} [id A] float64 (?, ?)",
                " |Elemwise{exp} [id B] float64 (?, ?)",
                " | |Elemwise{neg} [id C] float64 (?, ?)",
                " |   |input [id D] float64 (?, ?) 'x'",
                " |Elemwise{exp} [id B] float64 (?, ?)");
        assertThat(Arrays.stream(lines).filter(l -> l.contains("'x'"))).hasSize(1);
    }

    @Test
    void leavesShowKindValueAndName() {
        SharedVariable w = Gradus.shared(new double[][] {{1, 2, 3}, {4, 5, 6}}, "w");
        var v = T.vector("v");
        var e = T.sum(T.dot(w, v).add(1)).add(T.constant(new double[20]).sum());
        assertThat(Printing.debugprint(e)).isEqualTo(""
                + "Elemwise{add} [id A] float64 ()\n"
                + " |sum [id B] float64 ()\n"
                + " | |Elemwise{add} [id C] float64 (?,)\n"
                + " |   |dot [id D] float64 (?,)\n"
                + " |   | |shared [id E] float64 (?, ?) 'w'\n"
                + " |   | |input [id F] float64 (?,) 'v'\n"
                + " |   |Constant{1} [id G] int32 ()\n"
                + " |sum [id H] float64 ()\n"
                + "   |Constant [id I] float64 (20,)\n");
    }

    @Test
    void unnamedVariablesHaveNoNameColumn() {
        String text = Printing.debugprint(T.transpose(T.tensor(DType.FLOAT32, 2, 3)));
        assertThat(text).isEqualTo("transpose [id A] float32 (3, 2)\n |input [id B] float32 (2, 3)\n");
    }

    @Test
    void functionPrintsOutputsThenUpdatesWithSharedIds() {
        var x = T.matrix("x");
        SharedVariable w = Gradus.shared(new double[][] {{0.5, -1, 2}, {1.5, 0, -0.5}}, "w");
        SharedVariable count = Gradus.shared(0L, "count");
        TensorVariable cost = T.sum(T.dot(x, w).mul(T.dot(x, w)));
        TensorVariable g = T.grad(cost, w);
        // gemm and fusion would fold the shared dot into other nodes; this test is about shared ids
        Function f = Gradus.functionBuilder(List.of(x)).outputs(cost)
                .updates(Map.of(w, w.sub(g.mul(0.1)), count, count.add(1))).excluding("specialize", "fuse").build();
        String text = Printing.debugprint(f);
        String[] lines = text.split("\n");
        assertThat(lines[0]).startsWith("sum [id A] float64 ()");
        String wId = idOf(text, "shared [id ", "'w'");
        assertThat(text).contains("shared 'w' [id " + wId + "] <-\n")
                .contains("shared 'count' [id ").doesNotContain("[id " + wId + "] <-\nshared");
        // the update tree reuses the output's ids instead of reprinting its subtrees
        assertThat(expandedIds(lines)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(lines).filter(l -> l.endsWith("'x'")).map(DebugPrintTest::id).distinct()).hasSize(1);
        assertThat(Arrays.stream(lines).filter(l -> l.contains("|dot [id ")).map(DebugPrintTest::id).distinct())
                .hasSizeLessThan((int) Arrays.stream(lines).filter(l -> l.contains("|dot [id ")).count());
        assertThat(text).containsSubsequence("sum [id A]", "shared 'w'", "Elemwise{sub}");
    }

    @Test
    void compiledUpdateOfAnUnnamedSharedUsesItsPlaceholder() {
        var x = T.vector("x");
        SharedVariable acc = Gradus.shared(new double[] {0, 0, 0, 0});
        Function f = Gradus.function(List.of(x), x.sum(), Map.of(acc, acc.add(x)));
        assertThat(Printing.debugprint(f)).contains("shared <shared float64 vector> [id ")
                .contains("Elemwise{add} [id ");
    }

    @Test
    void idsContinueAfterZLikeSpreadsheetColumns() {
        assertThat(DebugPrinter.letters(0)).isEqualTo("A");
        assertThat(DebugPrinter.letters(25)).isEqualTo("Z");
        assertThat(DebugPrinter.letters(26)).isEqualTo("AA");
        assertThat(DebugPrinter.letters(27)).isEqualTo("AB");
        assertThat(DebugPrinter.letters(701)).isEqualTo("ZZ");
        assertThat(DebugPrinter.letters(702)).isEqualTo("AAA");
    }

    @Test
    void aDeepChainPrintsOneLinePerNodeWithoutRecursion() {
        TensorVariable e = T.scalar("x");
        for (int i = 0; i < 2000; i++) {
            e = e.add(1.5);
        }
        String[] lines = Printing.debugprint(e).split("\n");
        // 2000 adds, the input, and the constant 1.5 each time (distinct constants)
        assertThat(lines).hasSize(2000 + 1 + 2000);
        assertThat(lines[lines.length - 1]).endsWith("Constant{1.5} [id " + DebugPrinter.letters(4000) + "] float64 ()");
    }

    /** The ids of the lines followed by their inputs (deeper lines). */
    private static List<String> expandedIds(String[] lines) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].contains("[id ") && lines[i + 1].contains("[id ") && depth(lines[i + 1]) > depth(lines[i])) {
                out.add(id(lines[i]));
            }
        }
        return out;
    }

    private static int depth(String line) {
        int k = 0;
        while (k < line.length() && (line.charAt(k) == ' ' || line.charAt(k) == '|')) {
            k++;
        }
        return k;
    }

    private static String id(String line) {
        int start = line.indexOf("[id ") + 4;
        return line.substring(start, line.indexOf(']', start));
    }

    private static String idOf(String text, String head, String suffix) {
        for (String line : text.split("\n")) {
            if (line.contains(head) && line.endsWith(suffix)) {
                return id(line);
            }
        }
        throw new AssertionError("no line with " + head + " and " + suffix);
    }
}
