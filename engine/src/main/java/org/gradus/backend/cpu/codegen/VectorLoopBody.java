package org.gradus.backend.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ops.elemwise.Composite;
import org.gradus.types.DType;

/**
 * The statements of a generated loop written with the Vector API ({@code jdk.incubator.vector}): the
 * elements a whole vector at a time ({@code FloatVector} or {@code DoubleVector} of the preferred
 * species, 16 floats or 8 doubles with AVX-512), then the last {@code len % lanes} elements with the
 * scalar statements of {@link LoopBody}. Each array is read at its own offset, so flat and offset
 * blocks (a minibatch slice, a row of a broadcast) both vectorize; an input that does not move is
 * broadcast to a vector (inside the loop, where C2 hoists it).
 *
 * <p>Used when the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link #enabled()}), for a
 * composite whose full outputs and moving inputs all have one float dtype, and
 * whose every step has that dtype and a {@linkplain org.gradus.ops.scalar.ScalarOp#vectorExpression
 * vector form}. Lanes compute in the loop's dtype: float32 steps round at every step (the scalar
 * loop keeps the doubles of a transcendental loop), and the JDK's vector {@code exp}, {@code log1p},
 * {@code tanh}... are within a few ulp of the scalar ones; the tail and every other loop stay as before.
 * Summed outputs are accumulated in the same loop, in double lanes (float32 values first add up in
 * float lanes, {@value #FLOAT_BLOCK} vectors at a time).
 */
record VectorLoopBody(Composite c, DType dtype, boolean[] innerStrideOne, LoopBody tail) {
    private static final String MODULE = "jdk.incubator.vector";
    private static final boolean PRESENT = ModuleLayer.boot().findModule(MODULE).isPresent();

    /**
     * Whether the running JVM resolved {@code jdk.incubator.vector} (launched with
     * {@code --add-modules jdk.incubator.vector}) and {@code -Dgradus.vector=false} does not turn vector loops off.
     */
    static boolean enabled() {
        return PRESENT && !"false".equalsIgnoreCase(System.getProperty("gradus.vector"));
    }

    /** The compiler options that generated vector loops need. */
    static List<String> compilerOptions() {
        return PRESENT ? List.of("--add-modules", MODULE) : List.of();
    }

    /** The loop's vector element dtype when the composite can run as a vector loop, else {@code null}. */
    static DType vectorDType(Composite c, DType[] inputs, boolean[] innerStrideOne, DType[] outputs) {
        DType d = null;
        for (int o = 0; o < outputs.length; o++) {
            if (!c.summed().get(o)) {
                if (d == null) {
                    d = outputs[o];
                } else if (outputs[o] != d) {
                    return null;
                }
            }
        }
        if (!enabled() || (d != DType.FLOAT32 && d != DType.FLOAT64)) {
            return null;
        }
        for (int i = 0; i < inputs.length; i++) {
            if (innerStrideOne[i] && inputs[i] != d) {
                return null;
            }
        }
        List<String> probe = List.of("a", "b", "c");
        for (Composite.Step s : c.steps()) {
            if (s.dtype() != d || s.op().vectorExpression(probe.subList(0, s.operands().size())) == null) {
                return null;
            }
        }
        return d;
    }

    /**
     * The members of the generated class: the species constants, {@code S} of the loop's lanes and {@code D} of
     * double sums, and for summed outputs {@code sumLanes}, which adds a vector's lanes in lane order. The
     * Vector API's {@code reduceLanes(ADD)} leaves the order open, and on JDK 24+ C2's order differs from the
     * interpreter's: a sum would then change in its last bits between the first calls and later ones.
     */
    String speciesField() {
        String element = dtype == DType.FLOAT32 ? "Float" : "Double";
        String fields = "    private static final jdk.incubator.vector.VectorSpecies<" + element
                + "> S = jdk.incubator.vector." + vectorType() + ".SPECIES_PREFERRED;\n";
        if (c.hasSummedOutputs()) {
            fields += "    private static final jdk.incubator.vector.VectorSpecies<Double> D = "
                    + (dtype == DType.FLOAT32 ? "jdk.incubator.vector.VectorSpecies.of(double.class, S.vectorShape())"
                    : "S") + ";\n";
            fields += "\n    private static double sumLanes(jdk.incubator.vector.DoubleVector v) {\n"
                    + "        double t = 0;\n"
                    + "        for (double x : v.toArray()) {\n"
                    + "            t += x;\n"
                    + "        }\n"
                    + "        return t;\n"
                    + "    }\n";
        }
        return fields + "\n";
    }

    private String vectorType() {
        return dtype == DType.FLOAT32 ? "FloatVector" : "DoubleVector";
    }

    /**
     * The vector of each input that does not move, declared inside the vector loop: C2 hoists it out
     * of the loop, and a block too short for one vector (the interpreter runs small loops for a while
     * before C2 compiles them) creates none.
     */
    private void broadcasts(StringBuilder body, String indent) {
        String v = "jdk.incubator.vector." + vectorType();
        String scalar = dtype == DType.FLOAT32 ? "float" : "double";
        for (int i = 0; i < innerStrideOne.length; i++) {
            if (!innerStrideOne[i]) {
                body.append(indent).append("final ").append(v).append(" b").append(i).append(" = ").append(v)
                        .append(".broadcast(S, (").append(scalar).append(") c").append(i).append(");\n");
            }
        }
    }

    /**
     * The whole block: one element loop. Summed outputs are accumulated in double lanes (float32 values
     * added in float lanes for {@value #FLOAT_BLOCK} vectors, then widened in two halves) and, for the
     * tail, a double; their total is added to {@code z[0]} after the loop (another order than the scalar
     * loop's four accumulators).
     */
    void loops(StringBuilder body) {
        String d = "jdk.incubator.vector.DoubleVector";
        for (int o = 0; o < c.outputs().size(); o++) {
            if (c.summed().get(o)) {
                for (int h = 0; h < halves(); h++) {
                    body.append("        ").append(d).append(" a").append(o).append("_").append(h).append(" = ")
                            .append(d).append(".zero(D);\n");
                }
                body.append("        double s").append(o).append("_0 = 0;\n");
            }
        }
        elementLoop(body);
        for (int o = 0; o < c.outputs().size(); o++) {
            if (c.summed().get(o)) {
                body.append("        z").append(o).append("[0] += ");
                for (int h = 0; h < halves(); h++) {
                    body.append("sumLanes(a").append(o).append("_").append(h).append(") + ");
                }
                body.append("s").append(o).append("_0;\n");
            }
        }
    }

    /**
     * A float32 summed output adds this many vectors in float lanes before it widens their sum into the
     * double accumulators: one widening per 256 elements instead of one per vector (the widening costs as
     * much as a third of a cross-entropy loop on JDK 17), while each lane's float sum has at most 16 terms
     * (relative error below 16 · 2^-24 of their magnitudes; the total still accumulates in double).
     */
    static final int FLOAT_BLOCK = 16;

    /** Double accumulators per vector: two for float32 (16 floats widen to two vectors of 8 doubles), else one. */
    private int halves() {
        return dtype == DType.FLOAT32 ? 2 : 1;
    }

    /**
     * Elements {@code [0, len)}: moving input {@code i} read at {@code oi + j}, full outputs written at
     * {@code zo + j} and summed ones accumulated; whole vectors, then the rest with the scalar statements.
     */
    private void elementLoop(StringBuilder body) {
        String indent = "        ";
        String base = "o";
        String count = "len";
        String out = "zo";
        String v = "jdk.incubator.vector." + vectorType();
        body.append(indent).append("{\n");
        body.append(indent).append("final int up = S.loopBound(").append(count).append(");\n");
        body.append(indent).append("int j = 0;\n");
        boolean blocks = c.hasSummedOutputs() && dtype == DType.FLOAT32;
        String loop = blocks ? indent + "    " : indent;
        if (blocks) {
            // summed float32 values are added in float lanes for FLOAT_BLOCK vectors, then widened once
            body.append(indent).append("while (j < up) {\n");
            body.append(loop).append("final int blockEnd = Math.min(up, j + ").append(FLOAT_BLOCK)
                    .append(" * S.length());\n");
            for (int o = 0; o < c.outputs().size(); o++) {
                if (c.summed().get(o)) {
                    body.append(loop).append(v).append(" f").append(o).append(" = ").append(v).append(".zero(S);\n");
                }
            }
            body.append(loop).append("for (; j < blockEnd; j += S.length()) {\n");
        } else {
            body.append(loop).append("for (; j < up; j += S.length()) {\n");
        }
        broadcasts(body, loop + "    ");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < innerStrideOne.length; i++) {
            if (innerStrideOne[i]) {
                body.append(loop).append("    final ").append(v).append(" v").append(i).append(" = ").append(v)
                        .append(".fromArray(S, x").append(i).append(", ").append(base).append(i).append(" + j);\n");
                names.add("v" + i);
            } else {
                names.add("b" + i);
            }
        }
        for (int s = 0; s < c.steps().size(); s++) {
            Composite.Step step = c.steps().get(s);
            List<String> args = new ArrayList<>();
            for (int r : step.operands()) {
                args.add(names.get(r));
            }
            String name = "v" + (innerStrideOne.length + s);
            body.append(loop).append("    final ").append(v).append(" ").append(name).append(" = ")
                    .append(step.op().vectorExpression(args)).append(";\n");
            names.add(name);
        }
        for (int o = 0; o < c.outputs().size(); o++) {
            String value = names.get(c.outputs().get(o));
            if (!c.summed().get(o)) {
                body.append(loop).append("    ").append(value).append(".intoArray(z").append(o).append(", ")
                        .append(out).append(" + j);\n");
            } else if (halves() == 1) {
                body.append(loop).append("    a").append(o).append("_0 = a").append(o).append("_0.add(")
                        .append(value).append(");\n");
            } else {
                body.append(loop).append("    f").append(o).append(" = f").append(o).append(".add(").append(value)
                        .append(");\n");
            }
        }
        body.append(loop).append("}\n");
        if (blocks) {
            for (int o = 0; o < c.outputs().size(); o++) {
                if (c.summed().get(o)) {
                    for (int h = 0; h < 2; h++) {
                        body.append(loop).append("a").append(o).append("_").append(h).append(" = a").append(o)
                                .append("_").append(h).append(".add((jdk.incubator.vector.DoubleVector) f").append(o)
                                .append(".convertShape(jdk.incubator.vector.VectorOperators.F2D, D, ").append(h)
                                .append("));\n");
                    }
                }
            }
            body.append(indent).append("}\n");
        }
        body.append(indent).append("for (; j < ").append(count).append("; j++) {\n");
        java.util.function.IntFunction<String> read = i -> innerStrideOne[i] ? "x" + i + "[" + base + i + " + j]" : "c" + i;
        if (c.hasSummedOutputs()) {
            // the summed values first: an output may overwrite an input in place
            body.append(indent).append("    {\n");
            tail.emit(body, indent + "        ", read, null, true, 0);
            body.append(indent).append("    }\n");
        }
        body.append(indent).append("    {\n");
        tail.emit(body, indent + "        ", read, o -> out + " + j", false, -1);
        body.append(indent).append("    }\n");
        body.append(indent).append("}\n");
        body.append(indent).append("}\n");
    }
}
