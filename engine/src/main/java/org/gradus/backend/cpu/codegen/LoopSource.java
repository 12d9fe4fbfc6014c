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
 * x86 false dependency), serializing the elements (float32 tanh: 29 → 6.3 ns per element). An input whose innermost
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
        Element element = new Element(c, inputs, innerStrideOne, outputs, summed, floatLocals, staged);
        if (anyStaged) {
            element.stagedLoops(body);
        } else if (c.hasSummedOutputs()) {
            element.summingLoops(body, "len");
        } else {
            body.append("        for (int j = 0; j < len; j++) {\n");
            element.emit(body, "            ", "j", -1);
            body.append("        }\n");
        }
        body.append("    }\n}\n");
        String comment = "/** Generated by Gradus for " + String.join("; ", c.outputExpressions()).replace("*/", "* /")
                + " */\n";
        String rest = comment + " extends org.gradus.backend.cpu.codegen.FusedLoop {\n" + body;
        String name = "Loop_" + hash(rest);
        String source = "package " + PACKAGE + ";\n\n" + comment + "public final class " + name
                + " extends org.gradus.backend.cpu.codegen.FusedLoop {\n" + body;
        return new LoopSource(name, source);
    }

    /** The per-element statements of one loop, emitted once per element position of the loop body. */
    private record Element(Composite c, DType[] inputs, boolean[] innerStrideOne, DType[] outputs, boolean[] summed,
                           boolean floatLocals, boolean[] staged) {

        private boolean anyStaged() {
            for (boolean b : staged) {
                if (b) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Tiles of {@link FusedLoop#TILE} elements: the staged inputs of a tile are first copied into
         * double rows, then the element loop (or the summing loops) runs over the tile.
         */
        void stagedLoops(StringBuilder body) {
            for (int i = 0; i < inputs.length; i++) {
                if (staged[i]) {
                    body.append("        final double[] w").append(i).append(" = stagingRow(").append(i).append(");\n");
                }
            }
            boolean summing = c.hasSummedOutputs();
            if (summing) {
                declareAccumulators(body);
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
            if (summing) {
                unrolledLoops(body, "n", "    ");
            } else {
                body.append("            for (int j = 0; j < n; j++) {\n");
                emit(body, "                ", "j", -1);
                body.append("            }\n");
            }
            body.append("        }\n");
            if (summing) {
                addAccumulators(body);
            }
        }

        /**
         * Four elements per iteration, each summed output collecting them in four independent double
         * accumulators (so the additions do not form one latency-bound chain), then the remaining
         * elements into accumulator 0; the block adds {@code (s0 + s1) + (s2 + s3)} to {@code z[0]}.
         */
        void summingLoops(StringBuilder body, String len) {
            declareAccumulators(body);
            unrolledLoops(body, len, "");
            addAccumulators(body);
        }

        private void declareAccumulators(StringBuilder body) {
            for (int o = 0; o < outputs.length; o++) {
                if (summed[o]) {
                    body.append("        double s").append(o).append("_0 = 0, s").append(o).append("_1 = 0, s")
                            .append(o).append("_2 = 0, s").append(o).append("_3 = 0;\n");
                }
            }
        }

        private void unrolledLoops(StringBuilder body, String len, String extra) {
            String in = "        " + extra;
            body.append(in).append("final int unrolled = ").append(len).append(" & ~3;\n");
            body.append(in).append("int j = 0;\n");
            body.append(in).append("for (; j < unrolled; j += 4) {\n");
            for (int u = 0; u < 4; u++) {
                body.append(in).append("    {\n");
                emit(body, in + "        ", u == 0 ? "j" : "j + " + u, u);
                body.append(in).append("    }\n");
            }
            body.append(in).append("}\n");
            body.append(in).append("for (; j < ").append(len).append("; j++) {\n");
            emit(body, in + "    ", "j", 0);
            body.append(in).append("}\n");
        }

        private void addAccumulators(StringBuilder body) {
            for (int o = 0; o < outputs.length; o++) {
                if (summed[o]) {
                    body.append("        z").append(o).append("[0] += (s").append(o).append("_0 + s").append(o)
                            .append("_1) + (s").append(o).append("_2 + s").append(o).append("_3);\n");
                }
            }
        }

        /** Input {@code i} at index expression {@code j}: its staging row, its array, or its broadcast value. */
        private String read(int i, String j) {
            if (staged[i]) {
                return "w" + i + "[" + j + "]";
            }
            if (!innerStrideOne[i]) {
                return "c" + i;
            }
            return anyStaged() ? "x" + i + "[p" + i + " + " + j + "]" : "x" + i + "[o" + i + " + " + j + "]";
        }

        /** The statements for the element at index expression {@code j}; summed outputs go to accumulator {@code acc}. */
        void emit(StringBuilder body, String indent, String j, int acc) {
            List<String> names = new ArrayList<>();
            List<Boolean> isFloat = new ArrayList<>();
            for (int i = 0; i < inputs.length; i++) {
                String v = "v" + i;
                names.add(v);
                isFloat.add(floatLocals && inputs[i] == DType.FLOAT32);
                body.append(indent).append("final ").append(isFloat.get(i) ? "float" : "double").append(" ").append(v)
                        .append(" = ").append(read(i, j)).append(";\n");
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
                floatValued.add(step.dtype() == DType.FLOAT32);
                String expr = step.op().javaExpression(args);
                body.append(indent).append("final ").append(floatPath ? "float" : "double").append(" ").append(v)
                        .append(" = ").append(floatPath ? expr : rounded(step.dtype(), expr)).append(";\n");
            }
            for (int o = 0; o < outputs.length; o++) {
                int r = c.outputs().get(o);
                if (summed[o]) {
                    // the value as its step stored it: a float local, or a double already rounded to its dtype
                    body.append(indent).append("s").append(o).append("_").append(acc).append(" += ").append(names.get(r))
                            .append(";\n");
                } else {
                    body.append(indent).append("z").append(o).append("[").append(anyStaged() ? "zt" : "zo")
                            .append(" + ").append(j).append("] = ")
                            .append(stored(outputs[o], names.get(r), isFloat.get(r))).append(";\n");
                }
            }
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
