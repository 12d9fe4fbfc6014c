package org.gradus.backend.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ops.elemwise.Composite;
import org.gradus.types.DType;

/**
 * The statements of a generated loop's {@code block} method, after its array and offset locals (see
 * {@link LoopSource}): the loops of one block. Without summed outputs or staged inputs: one element loop. When every
 * input that moves has the output's offset (a flat block), it indexes every array with the same
 * variable {@code k}, the form in which C2 vectorizes a loop of simple ops; otherwise each array
 * has its own offset. With summed outputs or staged inputs: tiles of {@link FusedLoop#TILE}
 * elements (see {@link #tiledLoops}).
 */
record LoopBody(Composite c, DType[] inputs, boolean[] innerStrideOne, DType[] outputs, boolean[] summed,
                boolean floatLocals, boolean[] staged, boolean anyStaged) {

    void loops(StringBuilder body) {
        if (anyStaged || c.hasSummedOutputs()) {
            tiledLoops(body);
            return;
        }
        body.append("        if (").append(flatCondition("zo")).append(") {\n");
        body.append("            final int end = zo + len;\n");
        body.append("            for (int k = zo; k < end; k++) {\n");
        emit(body, "                ", this::flatRead, o -> "k", false, -1);
        body.append("            }\n");
        body.append("            return;\n");
        body.append("        }\n");
        body.append("        for (int j = 0; j < len; j++) {\n");
        emit(body, "            ", i -> read(i, "o" + i + " + j"), o -> "zo + j", false, -1);
        body.append("        }\n");
    }

    /**
     * Tiles of {@link FusedLoop#TILE} elements. Per tile: staged inputs are copied into double rows;
     * the summed values are added into four independent double accumulators per summed output,
     * element {@code j} into accumulator {@code j % 4} and the last {@code len % 4} elements into
     * accumulator 0 (the interpreter's order), recomputing the steps they need; then the element
     * loop writes the full outputs (after the sums: an output may overwrite an input in place).
     * After the tiles, {@code (s0 + s1) + (s2 + s3)} is added to each summed output's {@code z[0]}.
     */
    void tiledLoops(StringBuilder body) {
        for (int i = 0; i < inputs.length; i++) {
            if (staged[i]) {
                body.append("        final double[] w").append(i).append(" = stagingRow(").append(i).append(");\n");
            }
        }
        for (int o = 0; o < outputs.length; o++) {
            if (summed[o]) {
                body.append("        double s").append(o).append("_0 = 0, s").append(o).append("_1 = 0, s")
                        .append(o).append("_2 = 0, s").append(o).append("_3 = 0;\n");
            }
        }
        String flat = anyStaged ? null : flatCondition("zo");
        if (flat != null) {
            body.append("        final boolean flat = ").append(flat).append(";\n");
        }
        body.append("        for (int t = 0; t < len; t += TILE) {\n");
        body.append("            final int n = Math.min(TILE, len - t);\n");
        body.append("            final int zt = zo + t;\n");
        for (int i = 0; i < inputs.length; i++) {
            if (innerStrideOne[i]) {
                body.append("            final int p").append(i).append(" = o").append(i).append(" + t;\n");
            }
            if (staged[i]) {
                body.append("            for (int j = 0; j < n; j++) {\n");
                body.append("                w").append(i).append("[j] = x").append(i).append("[p").append(i)
                        .append(" + j];\n");
                body.append("            }\n");
            }
        }
        if (c.hasSummedOutputs()) {
            body.append("            {\n");
            body.append("            final int unrolled = n & ~3;\n");
            body.append("            int j = 0;\n");
            body.append("            for (; j < unrolled; j += 4) {\n");
            for (int u = 0; u < 4; u++) {
                String at = u == 0 ? "j" : "j + " + u;
                body.append("                {\n");
                emit(body, "                    ", i -> tileRead(i, at), null, true, u);
                body.append("                }\n");
            }
            body.append("            }\n");
            body.append("            for (; j < n; j++) {\n");
            emit(body, "                ", i -> tileRead(i, "j"), null, true, 0);
            body.append("            }\n");
            body.append("            }\n");
        }
        boolean full = false;
        for (boolean b : summed) {
            full |= !b;
        }
        if (full) {
            String indent = "            ";
            if (flat != null) {
                body.append("            if (flat) {\n");
                body.append("                final int end = zt + n;\n");
                body.append("                for (int k = zt; k < end; k++) {\n");
                emit(body, "                    ", this::flatRead, o -> "k", false, -1);
                body.append("                }\n");
                body.append("                continue;\n");
                body.append("            }\n");
            }
            body.append(indent).append("for (int j = 0; j < n; j++) {\n");
            emit(body, indent + "    ", i -> tileRead(i, "j"), o -> "zt + j", false, -1);
            body.append(indent).append("}\n");
        }
        body.append("        }\n");
        for (int o = 0; o < outputs.length; o++) {
            if (summed[o]) {
                body.append("        z").append(o).append("[0] += (s").append(o).append("_0 + s").append(o)
                        .append("_1) + (s").append(o).append("_2 + s").append(o).append("_3);\n");
            }
        }
    }

    /** {@code o0 == zo && ...} over the inputs that move, {@code "true"} when none does. */
    private String flatCondition(String zo) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (innerStrideOne[i]) {
                terms.add("o" + i + " == " + zo);
            }
        }
        return terms.isEmpty() ? "true" : String.join(" && ", terms);
    }

    private String flatRead(int i) {
        return innerStrideOne[i] ? "x" + i + "[k]" : "c" + i;
    }

    /** Input {@code i} within a tile at index expression {@code j}: its staging row, its array, or its broadcast value. */
    private String tileRead(int i, String j) {
        if (staged[i]) {
            return "w" + i + "[" + j + "]";
        }
        return read(i, "p" + i + " + " + j);
    }

    private String read(int i, String index) {
        return innerStrideOne[i] ? "x" + i + "[" + index + "]" : "c" + i;
    }

    /**
     * The statements of one element: input reads, the steps, and either the full outputs (stored at
     * {@code outputIndex}) or, with {@code sums}, only the steps the summed outputs need and their
     * additions into accumulator {@code lane}.
     */
    void emit(StringBuilder body, String indent, java.util.function.IntFunction<String> input,
              java.util.function.IntFunction<String> outputIndex, boolean sums, int lane) {
        boolean[] needed = needed(sums);
        List<String> names = new ArrayList<>();
        List<Boolean> isFloat = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            String v = "v" + i;
            names.add(v);
            isFloat.add(floatLocals && inputs[i] == DType.FLOAT32);
            if (needed[i]) {
                body.append(indent).append("final ").append(isFloat.get(i) ? "float" : "double").append(" ")
                        .append(v).append(" = ").append(input.apply(i)).append(";\n");
            }
        }
        // floatValued: the value is exactly a float (a float local, or a double local of a float32 step)
        List<Boolean> floatValued = new ArrayList<>(isFloat);
        for (int s = 0; s < c.steps().size(); s++) {
            Composite.Step step = c.steps().get(s);
            boolean floatPath = floatLocals && step.dtype() == DType.FLOAT32
                    && Composite.CORRECTLY_ROUNDED.contains(step.op().getClass());
            for (int r : step.operands()) {
                floatPath &= floatValued.get(r);
            }
            List<String> args = new ArrayList<>();
            for (int r : step.operands()) {
                String name = names.get(r);
                if (floatPath) {
                    args.add(isFloat.get(r) ? name : "((float) " + name + ")");
                } else {
                    args.add(isFloat.get(r) ? "((double) " + name + ")" : name);
                }
            }
            String v = "v" + (inputs.length + s);
            names.add(v);
            isFloat.add(floatPath);
            floatValued.add(step.dtype() == DType.FLOAT32 && !c.keepsDouble(step));
            if (needed[inputs.length + s]) {
                String expr = step.op().javaExpression(args);
                String value = floatPath || c.keepsDouble(step) ? expr : LoopSource.rounded(step.dtype(), expr);
                body.append(indent).append("final ").append(floatPath ? "float" : "double").append(" ").append(v)
                        .append(" = ").append(value).append(";\n");
            }
        }
        for (int o = 0; o < outputs.length; o++) {
            int r = c.outputs().get(o);
            if (summed[o] && sums) {
                // the value as its step stored it: a float local, or a double already rounded to its dtype
                body.append(indent).append("s").append(o).append("_").append(lane).append(" += ")
                        .append(names.get(r)).append(";\n");
            } else if (!summed[o] && !sums) {
                body.append(indent).append("z").append(o).append("[").append(outputIndex.apply(o)).append("] = ")
                        .append(LoopSource.stored(outputs[o], names.get(r), isFloat.get(r))).append(";\n");
            }
        }
    }

    /** The references (inputs, then steps) that the summed outputs ({@code sums}) or the full ones need. */
    private boolean[] needed(boolean sums) {
        boolean[] needed = new boolean[inputs.length + c.steps().size()];
        for (int o = 0; o < outputs.length; o++) {
            if (summed[o] == sums) {
                needed[c.outputs().get(o)] = true;
            }
        }
        for (int s = c.steps().size() - 1; s >= 0; s--) {
            if (needed[inputs.length + s]) {
                for (int r : c.steps().get(s).operands()) {
                    needed[r] = true;
                }
            }
        }
        return needed;
    }
}
