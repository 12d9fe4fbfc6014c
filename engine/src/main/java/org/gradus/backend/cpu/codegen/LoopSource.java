package org.gradus.backend.cpu.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gradus.ops.elemwise.Composite;
import org.gradus.types.DType;

/**
 * The Java source of one fused loop: a subclass of {@link FusedLoop} whose {@code block} method runs
 * one {@code for} loop over the composite's inputs and outputs as typed primitive arrays.
 *
 * <p>Each step is computed in {@code double} from the scalar ops' {@code javaExpression} fragments
 * and rounded to its dtype exactly as the interpreted {@link Composite} rounds it, so generated and
 * interpreted loops give bit-identical results. In a loop of {@linkplain Composite#CORRECTLY_ROUNDED correctly
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
            cost += Composite.CORRECTLY_ROUNDED.contains(s.op().getClass()) ? 4 : 24;
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
        boolean floatLocals = c.steps().stream().allMatch(st -> Composite.CORRECTLY_ROUNDED.contains(st.op().getClass()));
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
        DType vector = VectorLoopBody.vectorDType(c, inputs, innerStrideOne, outputs);
        if (vector != null) {
            LoopBody tail = new LoopBody(c, inputs, innerStrideOne, outputs, summed, floatLocals,
                    new boolean[inputs.length], false);
            VectorLoopBody loop = new VectorLoopBody(c, vector, innerStrideOne, tail);
            loop.loops(body);
            body.insert(0, loop.speciesField());
        } else {
            new LoopBody(c, inputs, innerStrideOne, outputs, summed, floatLocals, staged, anyStaged).loops(body);
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

    static String arrayType(DType d) {
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
    static String rounded(DType d, String expr) {
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
    static String stored(DType d, String v, boolean isFloat) {
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
