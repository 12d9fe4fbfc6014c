package org.gradus.ops.elemwise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ops.Op;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * Several elementwise ops fused into one loop: a small DAG of scalar ops over the composite's
 * inputs, evaluated element by element in a single pass with NumPy broadcasting, with one or more
 * outputs of the loop's full shape. The optimizer's fuse phase builds it; it is the unit the CPU and
 * CUDA backends turn into one generated kernel.
 *
 * <p>Structure: operands are numbered references, {@code 0 .. inputCount-1} for the inputs and
 * {@code inputCount + i} for the result of {@code steps.get(i)}. Each {@link Step} applies a scalar op
 * to earlier references and rounds its result to its dtype (as the unfused node stored it), so the
 * composite computes exactly what the separate nodes did, with one exception: in a loop with a
 * transcendental step, float32 intermediates stay doubles ({@link #keepsDouble}) and are rounded
 * once, at the outputs, so such a loop can differ from the separate nodes by about an ulp of float32. {@code outputs} lists the references
 * the composite returns. {@link #javaStatements} and {@link #cudaStatements} give the per-element
 * code from the scalar ops' expression fragments.
 *
 * <p>An output marked in {@code summed} is not an array of the loop's shape but a 0-d float: the sum
 * over every element of the loop's full (broadcast) shape of its reference's value, accumulated in
 * double and rounded to its dtype once (the CPU fuse phase folds a full {@code sum} into its operand's
 * loop so). The loop's shape is the broadcast of the inputs' shapes.
 *
 * <p>Gradient: the chain rule through the inner DAG, each step differentiated as its {@link Elemwise};
 * a summed output's gradient is its scalar gradient broadcast to the loop's shape.
 */
public record Composite(int inputCount, List<Step> steps, List<Integer> outputs, List<Boolean> summed) implements Op {

    /** One scalar op of the DAG: the op, its operand references, and the dtype its result is stored in. */
    public record Step(ScalarOp op, List<Integer> operands, DType dtype) {
        public Step {
            operands = List.copyOf(operands);
        }
    }

    public Composite {
        steps = List.copyOf(steps);
        outputs = List.copyOf(outputs);
        summed = List.copyOf(summed);
        if (summed.size() != outputs.size()) {
            throw new IllegalArgumentException("Composite: " + summed.size() + " summed flags for " + outputs.size()
                    + " outputs");
        }
    }

    /** A composite whose outputs are all arrays of the loop's shape (none summed). */
    public Composite(int inputCount, List<Step> steps, List<Integer> outputs) {
        this(inputCount, steps, outputs, Collections.nCopies(outputs.size(), false));
    }

    /** This composite with output {@code k} summed over the loop's shape as well. */
    public Composite withSummed(int k) {
        List<Boolean> flags = new ArrayList<>(summed);
        flags.set(k, true);
        return new Composite(inputCount, steps, outputs, flags);
    }

    /** Whether any output is summed. */
    public boolean hasSummedOutputs() {
        return summed.contains(true);
    }

    /** The loop's run-time shape: the broadcast of the inputs' shapes. */
    public int[] loopShape(NDArray[] inputs) {
        return Elemwise.runtimeShape("Composite", inputs);
    }

    @Override
    public String name() {
        return "Composite{" + String.join(", ", outputExpressions()) + "}";
    }

    /**
     * Each output as one infix expression of the inputs {@code i0, i1, ...}, e.g. {@code sigmoid((i0 + i1))},
     * wrapped in {@code sum(...)} where it is summed.
     */
    public List<String> outputExpressions() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputCount; i++) {
            names.add("i" + i);
        }
        for (Step s : steps) {
            List<String> args = new ArrayList<>();
            for (int r : s.operands()) {
                args.add(names.get(r));
            }
            String sym = s.op().infixSymbol();
            names.add(sym != null && args.size() == 2 ? "(" + args.get(0) + " " + sym + " " + args.get(1) + ")"
                    : sym != null && args.size() == 1 ? "(" + sym + args.get(0) + ")"
                    : s.op().name() + "(" + String.join(", ", args) + ")");
        }
        List<String> outs = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            String e = names.get(outputs.get(o));
            outs.add(summed.get(o) ? "sum(" + e + ")" : e);
        }
        return outs;
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        if (inputs.size() != inputCount) {
            throw new IllegalArgumentException("Composite takes " + inputCount + " inputs, got " + inputs.size());
        }
        int[] shape = Broadcasting.staticShape("Composite", inputs);
        List<TensorType> types = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            int o = outputs.get(k);
            DType d = o < inputCount ? inputs.get(o).dtype() : steps.get(o - inputCount).dtype();
            if (summed.get(k) && !d.isFloat()) {
                throw new DTypeException("Composite: output " + k + " is summed but has dtype " + d
                        + "; only float outputs are summed in the loop");
            }
            types.add(summed.get(k) ? TensorType.of(d, new int[0]) : TensorType.of(d, shape));
        }
        return types;
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        int[] shape = loopShape(inputs);
        int[][] out = new int[outputs.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = summed.get(k) ? new int[0] : shape;
        }
        return out;
    }

    /**
     * Interprets the loop element by element. A summed output collects element {@code j} in
     * accumulator {@code j % 4} (the last {@code n % 4} elements in accumulator 0) and adds them as
     * {@code (s0 + s1) + (s2 + s3)}: the order of a generated loop run as one flat part.
     */
    @Override
    public void perform(NDArray[] inputs, NDArray[] outs) {
        int[] shape = loopShape(inputs);
        int ndim = shape.length;
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int unrolled = n & ~3;
        double[][] sums = new double[outs.length][4];
        int[][] strides = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            strides[i] = Elemwise.broadcastStrides(inputs[i], ndim);
        }
        double[] values = new double[inputCount + steps.size()];
        double[][] args = new double[steps.size()][];
        int[][] refs = new int[steps.size()][];
        boolean[] keepsDouble = new boolean[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            keepsDouble[s] = keepsDouble(steps.get(s));
            refs[s] = steps.get(s).operands().stream().mapToInt(Integer::intValue).toArray();
            args[s] = new double[refs[s].length];
        }
        int[] counter = new int[ndim];
        int[] offsets = new int[inputs.length];
        for (int flat = 0; flat < n; flat++) {
            for (int i = 0; i < inputs.length; i++) {
                values[i] = inputs[i].get(offsets[i]);
            }
            for (int s = 0; s < refs.length; s++) {
                double[] a = args[s];
                for (int k = 0; k < a.length; k++) {
                    a[k] = values[refs[s][k]];
                }
                Step step = steps.get(s);
                double v = step.op().compute(a);
                values[inputCount + s] = keepsDouble[s] ? v : round(step.dtype(), v);
            }
            for (int o = 0; o < outs.length; o++) {
                if (summed.get(o)) {
                    sums[o][flat < unrolled ? flat & 3 : 0] += values[outputs.get(o)];
                } else {
                    outs[o].set(flat, values[outputs.get(o)]);
                }
            }
            for (int axis = ndim - 1; axis >= 0; axis--) {
                counter[axis]++;
                for (int i = 0; i < inputs.length; i++) {
                    offsets[i] += strides[i][axis];
                }
                if (counter[axis] < shape[axis]) {
                    break;
                }
                for (int i = 0; i < inputs.length; i++) {
                    offsets[i] -= strides[i][axis] * shape[axis];
                }
                counter[axis] = 0;
            }
        }
        for (int o = 0; o < outs.length; o++) {
            if (summed.get(o)) {
                outs[o].set(0, (sums[o][0] + sums[o][1]) + (sums[o][2] + sums[o][3]));
            }
        }
    }

    /**
     * Scalar ops whose result is one IEEE operation on their operands (or a sign or a selection), so
     * that on float operands the float rounding of the double result is the float operation's result.
     */
    public static final java.util.Set<Class<? extends ScalarOp>> CORRECTLY_ROUNDED = java.util.Set.of(
            org.gradus.ops.scalar.Add.class, org.gradus.ops.scalar.Sub.class, org.gradus.ops.scalar.Mul.class,
            org.gradus.ops.scalar.TrueDiv.class, org.gradus.ops.scalar.Neg.class, org.gradus.ops.scalar.Abs.class,
            org.gradus.ops.scalar.Sgn.class, org.gradus.ops.scalar.Sqr.class, org.gradus.ops.scalar.Second.class,
            org.gradus.ops.scalar.Identity.class, org.gradus.ops.scalar.Maximum.class,
            org.gradus.ops.scalar.Minimum.class);

    /** Whether some step is not {@linkplain #CORRECTLY_ROUNDED correctly rounded}: a transcendental loop. */
    public boolean hasTranscendentalSteps() {
        return steps.stream().anyMatch(st -> !CORRECTLY_ROUNDED.contains(st.op().getClass()));
    }

    /**
     * Whether {@code step}'s value stays a double inside the loop instead of being rounded to float32:
     * in a loop with a transcendental step, float32 steps other than casts keep double intermediates
     * (one rounding at the output; converting every step costs more than the transcendental itself).
     */
    public boolean keepsDouble(Step step) {
        return step.dtype() == DType.FLOAT32 && !(step.op() instanceof org.gradus.ops.scalar.Cast)
                && hasTranscendentalSteps();
    }

    /** The value as an array of {@code dtype} would store it (see {@code NDArray.set}). */
    static double round(DType dtype, double v) {
        switch (dtype) {
            case FLOAT64:
                return v;
            case FLOAT32:
                return (float) v;
            case INT32:
                return (int) (long) v;
            case INT64:
                return (long) v;
            case UINT8:
                return (byte) (long) v;
            default:
                return v != 0 ? 1 : 0;
        }
    }

    /**
     * Java statements computing every step for one element: {@code double v3 = (v0 + v1);}, with
     * inputs named by {@code inputNames} and step {@code i} stored in {@code v<inputCount + i>}
     * (float32 steps are rounded with a {@code (float)} cast). The outputs are the variables named by {@link #outputs}.
     */
    public List<String> javaStatements(List<String> inputNames) {
        return statements(inputNames, true);
    }

    /** The CUDA C++ statements for one element, as {@link #javaStatements}, with {@code double} locals. */
    public List<String> cudaStatements(List<String> inputNames) {
        return statements(inputNames, false);
    }

    private List<String> statements(List<String> inputNames, boolean java) {
        List<String> names = new ArrayList<>(inputNames);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            List<String> args = new ArrayList<>();
            for (int r : step.operands()) {
                args.add(names.get(r));
            }
            String expr = java ? step.op().javaExpression(args) : step.op().cudaExpression(args);
            if (step.dtype() == DType.FLOAT32) {
                expr = "(double) (float) " + expr;
            } else if (!step.dtype().isFloat()) {
                expr = "(double) " + (step.dtype().isBool() ? "((" + expr + ") != 0 ? 1 : 0)" : "(long) " + expr);
            }
            String name = "v" + (inputCount + s);
            names.add(name);
            lines.add("double " + name + " = " + expr + ";");
        }
        return lines;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputVars,
                                     List<TensorVariable> outputGrads) {
        List<TensorVariable> values = new ArrayList<>(inputs);
        List<Elemwise> ops = new ArrayList<>();
        for (Step s : steps) {
            TensorVariable[] operands = s.operands().stream().map(values::get).toArray(TensorVariable[]::new);
            Elemwise e = new Elemwise(s.op());
            ops.add(e);
            values.add(e.apply(operands));
        }
        TensorVariable[] grads = new TensorVariable[values.size()];
        for (int o = 0; o < outputs.size(); o++) {
            TensorVariable g = outputGrads.get(o);
            if (g != null && summed.get(o)) {
                // d sum / d element = 1 at every element of the loop's shape
                for (TensorVariable in : inputs) {
                    g = T.fill(in, g);
                }
            }
            grads[outputs.get(o)] = add(grads[outputs.get(o)], g);
        }
        for (int s = steps.size() - 1; s >= 0; s--) {
            TensorVariable g = grads[inputCount + s];
            if (g == null) {
                continue;
            }
            TensorVariable v = values.get(inputCount + s);
            List<TensorVariable> gi = ops.get(s).grad(v.owner().inputs(), v.owner().outputs(), List.of(g));
            List<Integer> refs = steps.get(s).operands();
            for (int k = 0; k < refs.size(); k++) {
                grads[refs.get(k)] = add(grads[refs.get(k)], gi.get(k));
            }
        }
        List<TensorVariable> result = new ArrayList<>();
        for (int i = 0; i < inputCount; i++) {
            TensorVariable in = inputs.get(i);
            // an input read directly as a (summed) output gets a gradient of the loop's shape
            result.add(grads[i] == null || !in.dtype().isFloat() ? null
                    : Elemwise.reduceToShapeOf(grads[i], in, grads[i].type()));
        }
        return result;
    }

    private static TensorVariable add(TensorVariable a, TensorVariable b) {
        return a == null ? b : b == null ? a : T.add(a, b);
    }
}
