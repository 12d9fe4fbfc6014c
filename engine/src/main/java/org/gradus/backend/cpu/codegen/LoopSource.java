package org.gradus.backend.cpu.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.scalar.Abs;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Identity;
import org.gradus.ops.scalar.Maximum;
import org.gradus.ops.scalar.Minimum;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.ops.scalar.Second;
import org.gradus.ops.scalar.Sgn;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.Sub;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.types.DType;

/**
 * The Java source of one fused loop: a subclass of {@link FusedLoop} whose {@code block} method runs
 * one {@code for} loop over the composite's inputs and outputs as typed primitive arrays.
 *
 * <p>Each step is computed in {@code double} from the scalar ops' {@code javaExpression} fragments
 * and rounded to its dtype exactly as the interpreted {@link Composite} rounds it, so generated and
 * interpreted loops give bit-identical results. In a loop of {@linkplain #FLOAT_EXACT correctly
 * rounded ops} only, float32 inputs are read into {@code float} locals, and a float32 step on
 * float32 values runs in {@code float} arithmetic: the same bits (a double +, −, ×, ÷ of floats
 * rounds to float exactly as the float operation does), without float↔double conversions per element.
 * In a loop with a transcendental step, float32 inputs are first copied, a tile at a time, into
 * double staging rows: a conversion while loading would wait for the register's previous value (an
 * x86 false dependency), serializing the elements (float32 tanh: 29 → 6.3 ns per element). A flat block
 * (every moving input at the output's offset) indexes all arrays with one variable, the form C2's
 * auto-vectorizer needs; summed outputs are accumulated in a loop of their own before the element
 * loop, so that the element loop stays vectorizable. An input whose innermost
 * axis is broadcast is read once, before the loop. The class name is {@code Loop_} plus a hash of the
 * rest of the source, so equal groups share one compiled class.
 */
public final class LoopSource {
    /** The package of every generated class. */
    public static final String PACKAGE = "org.gradus.generated";

    /**
     * Ops whose {@code javaExpression} is one IEEE operation (or a sign/selection) and so gives, on
     * {@code float} operands in {@code float} arithmetic, the float rounding of the {@code double} result.
     */
    private static final Set<Class<? extends ScalarOp>> FLOAT_EXACT = Set.of(Add.class, Sub.class, Mul.class,
            TrueDiv.class, Neg.class, Abs.class, Sgn.class, Sqr.class, Second.class, Identity.class, Maximum.class,
            Minimum.class);

    private final String className;
    private final String source;

    private LoopSource(String className, String source) {
        this.className = className;
        this.source = source;
    }

    /**
     * A rough cost of one element of the loop in simple operations, for the decision to split it over
     * threads: 4 per correctly rounded op (one instruction or so), 24 per other op (a transcendental
     * such as {@code exp} or {@code tanh} is tens of instructions), 4 for the loads and stores.
     */
    public static long costPerElement(Composite c) {
        long cost = 4;
        for (Composite.Step s : c.steps()) {
            cost += FLOAT_EXACT.contains(s.op().getClass()) ? 4 : 24;
        }
        return cost;
    }

    /** Whether generated loops read and write arrays of this dtype (bool and uint8 stay interpreted). */
    public static boolean supports(DType dtype) {
        return dtype == DType.FLOAT64 || dtype == DType.FLOAT32 || dtype == DType.INT32 || dtype == DType.INT64;
    }

    /**
     * The source for a composite with inputs of the given dtypes, {@code innerStrideOne[i]} telling
     * whether input {@code i} moves along the innermost axis, and outputs of the given dtypes.
     */
    public static LoopSource of(Composite c, DType[] inputs, boolean[] innerStrideOne, DType[] outputs) {
        // float locals only where every step is float-exact: a transcendental step dominates its loop,
        // and C2 compiles such loops slower with float locals (float32 sigmoid + gradient: 102 -> 188 ms)
        boolean floatLocals = c.steps().stream().allMatch(st -> FLOAT_EXACT.contains(st.op().getClass()));
        StringBuilder body = new StringBuilder();
        body.append("    @Override\n");
        body.append("    public void block(Object[] in, Object[] out, int[] off, int zo, int len) {\n");
        for (int i = 0; i < inputs.length; i++) {
            body.append("        final ").append(arrayType(inputs[i])).append(" x").append(i).append(" = (")
                    .append(arrayType(inputs[i])).append(") in[").append(i).append("];\n");
            if (innerStrideOne[i]) {
                body.append("        final int o").append(i).append(" = off[").append(i).append("];\n");
            } else {
                body.append("        final ").append(floatLocals && inputs[i] == DType.FLOAT32 ? "float" : "double").append(" c").append(i).append(" = x").append(i).append("[off[").append(i)
                        .append("]];\n");
            }
        }
        boolean[] summed = new boolean[outputs.length];
        for (int o = 0; o < outputs.length; o++) {
            summed[o] = c.summed().get(o);
            String type = summed[o] ? "double[]" : arrayType(outputs[o]);
            body.append("        final ").append(type).append(" z").append(o).append(" = (").append(type)
                    .append(") out[").append(o).append("];\n");
        }
        // a loop with a transcendental step reads its float32 inputs through double staging rows: converting
        // while loading (cvtss2sd) would make each element wait for the previous one (x86 false dependency)
        boolean[] staged = new boolean[inputs.length];
        boolean anyStaged = false;
        for (int i = 0; i < inputs.length; i++) {
            staged[i] = !floatLocals && innerStrideOne[i] && inputs[i] == DType.FLOAT32;
            anyStaged |= staged[i];
        }
        new Element(c, inputs, innerStrideOne, outputs, summed, floatLocals, staged, anyStaged).loops(body);
        body.append("    }\n}\n");
        String comment = "/** Generated by Gradus for " + String.join("; ", c.outputExpressions()).replace("*/", "* /")
                + " */\n";
        String rest = comment + " extends org.gradus.backend.cpu.codegen.FusedLoop {\n" + body;
        String name = "Loop_" + hash(rest);
        String source = "package " + PACKAGE + ";\n\n" + comment + "public final class " + name
                + " extends org.gradus.backend.cpu.codegen.FusedLoop {\n" + body;
        return new LoopSource(name, source);
    }

    /**
     * The loops of one block. Without summed outputs or staged inputs: one element loop. When every
     * input that moves has the output's offset (a flat block), it indexes every array with the same
     * variable {@code k}, the form in which C2 vectorizes a loop of simple ops; otherwise each array
     * has its own offset. With summed outputs or staged inputs: tiles of {@link FusedLoop#TILE}
     * elements (see {@link #tiledLoops}).
     */
    private record Element(Composite c, DType[] inputs, boolean[] innerStrideOne, DType[] outputs, boolean[] summed,
                           boolean floatLocals, boolean[] staged, boolean anyStaged) {

        void loops(StringBuilder body) {
            if (anyStaged || c.hasSummedOutputs()) {
                tiledLoops(body);
                return;
            }
            String flat = flatCondition("zo");
            if (flat != null) {
                body.append("        if (").append(flat).append(") {\n");
                body.append("            final int end = zo + len;\n");
                body.append("            for (int k = zo; k < end; k++) {\n");
                emit(body, "                ", this::flatRead, o -> "k", false, -1);
                body.append("            }\n");
                body.append("            return;\n");
                body.append("        }\n");
            }
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
                        && FLOAT_EXACT.contains(step.op().getClass());
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
                    String value = floatPath || c.keepsDouble(step) ? expr : rounded(step.dtype(), expr);
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
                            .append(stored(outputs[o], names.get(r), isFloat.get(r))).append(";\n");
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

    /** The simple class name ({@code Loop_<hash>}). */
    public String className() {
        return className;
    }

    /** The fully qualified class name. */
    public String qualifiedName() {
        return PACKAGE + "." + className;
    }

    /** The complete compilation unit. */
    public String source() {
        return source;
    }

    private static String arrayType(DType d) {
        switch (d) {
            case FLOAT64:
                return "double[]";
            case FLOAT32:
                return "float[]";
            case INT32:
                return "int[]";
            case INT64:
                return "long[]";
            default:
                throw new IllegalArgumentException("generated loops do not handle " + d + " arrays");
        }
    }

    /** The expression rounded as {@code Composite.round} rounds a step of this dtype. */
    private static String rounded(DType d, String expr) {
        switch (d) {
            case FLOAT64:
                return expr;
            case FLOAT32:
                return "(double) (float) " + expr;
            case INT32:
                return "(double) (int) (long) " + expr;
            case INT64:
                return "(double) (long) " + expr;
            case UINT8:
                return "(double) (byte) (long) " + expr;
            default:
                return "(" + expr + " != 0 ? 1.0 : 0.0)";
        }
    }

    /** The value (a {@code float} local when {@code isFloat}) converted as {@code NDArray.set} converts it. */
    private static String stored(DType d, String v, boolean isFloat) {
        switch (d) {
            case FLOAT64:
                return v;
            case FLOAT32:
                return isFloat ? v : "(float) " + v;
            case INT32:
                return "(int) (long) " + v;
            default:
                return "(long) " + v;
        }
    }

    private static String hash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
