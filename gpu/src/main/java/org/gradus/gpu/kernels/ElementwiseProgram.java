package org.gradus.gpu.kernels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Identity;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;

/**
 * A fused elementwise group as straight-line scalar code: the dtypes of its tensor inputs, a list
 * of steps (a scalar op applied to earlier operands), and the steps whose values are written out.
 * All inputs broadcast to one output shape; every output has that shape. This is the unit that
 * becomes one CUDA kernel, and the shape the optimizer's fused {@code Composite} op maps onto
 * (its inner scalar graph in topological order), see {@link #fromGraph}.
 */
public record ElementwiseProgram(List<DType> inputs, List<Step> steps, List<Integer> outputs) {

    /** Something a step reads: a tensor input, an earlier step's value, or a constant. */
    public sealed interface Operand permits Input, Result, Literal {
    }

    /** Tensor input number {@code index}, read at the broadcast position. */
    public record Input(int index) implements Operand {
    }

    /** The value of step number {@code step}. */
    public record Result(int step) implements Operand {
    }

    /** A scalar constant of a dtype, written into the kernel. */
    public record Literal(double value, DType dtype) implements Operand {
    }

    /** One scalar op on its operands, giving a value of {@code dtype}. */
    public record Step(ScalarOp op, List<Operand> operands, DType dtype) {
        public Step {
            Objects.requireNonNull(op, "op");
            operands = List.copyOf(operands);
            if (operands.size() != op.arity()) {
                throw new IllegalArgumentException(op.name() + " takes " + op.arity() + " operands, got " + operands.size());
            }
        }
    }

    public ElementwiseProgram {
        inputs = List.copyOf(inputs);
        steps = List.copyOf(steps);
        outputs = List.copyOf(outputs);
        for (int k = 0; k < steps.size(); k++) {
            for (Operand o : steps.get(k).operands()) {
                if (o instanceof Input in && (in.index() < 0 || in.index() >= inputs.size())) {
                    throw new IllegalArgumentException("step " + k + " reads input " + in.index() + " of " + inputs.size());
                }
                if (o instanceof Result r && (r.step() < 0 || r.step() >= k)) {
                    throw new IllegalArgumentException("step " + k + " reads step " + r.step() + ", which is not earlier");
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("an elementwise program needs at least one output");
        }
        for (int o : outputs) {
            if (o < 0 || o >= steps.size()) {
                throw new IllegalArgumentException("output refers to step " + o + " of " + steps.size());
            }
        }
    }

    /** The dtype of an operand. */
    public DType dtypeOf(Operand operand) {
        if (operand instanceof Input in) {
            return inputs.get(in.index());
        }
        if (operand instanceof Result r) {
            return steps.get(r.step()).dtype();
        }
        return ((Literal) operand).dtype();
    }

    /** The dtype of output number {@code i}. */
    public DType outputDType(int i) {
        return steps.get(outputs.get(i)).dtype();
    }

    /** One scalar op on fresh inputs of these dtypes: the unfused elementwise node. */
    public static ElementwiseProgram single(ScalarOp op, List<DType> inputDTypes) {
        Builder b = new Builder();
        List<Operand> args = new ArrayList<>();
        for (DType d : inputDTypes) {
            args.add(b.input(d));
        }
        b.output(b.apply(op, args));
        return b.build();
    }

    /**
     * The program of the {@link Elemwise} nodes between {@code inputs} and {@code outputs}
     * (constants become literals when they hold one value). Every node on the way must be an
     * {@code Elemwise}; anything else is reported by name.
     */
    public static ElementwiseProgram fromGraph(List<TensorVariable> inputs, List<TensorVariable> outputs) {
        Builder b = new Builder();
        Map<TensorVariable, Operand> known = new HashMap<>();
        for (TensorVariable in : inputs) {
            known.put(in, b.input(in.dtype()));
        }
        for (TensorVariable out : outputs) {
            b.output(lower(out, known, b));
        }
        return b.build();
    }

    private static Operand lower(TensorVariable v, Map<TensorVariable, Operand> known, Builder b) {
        Operand done = known.get(v);
        if (done != null) {
            return done;
        }
        if (v instanceof TensorConstant c && c.value().size() == 1) {
            Operand lit = new Literal(c.value().get(0), c.dtype());
            known.put(v, lit);
            return lit;
        }
        Apply node = v.owner();
        if (node == null || !(node.op() instanceof Elemwise e)) {
            throw new IllegalArgumentException("not an elementwise group: " + v.describe() + " is computed by "
                    + (node == null ? "no node (it is an input not listed)" : node.op().name()));
        }
        List<Operand> args = new ArrayList<>();
        for (TensorVariable in : node.inputs()) {
            args.add(lower(in, known, b));
        }
        Operand r = b.apply(e.scalarOp(), args, v.dtype());
        known.put(v, r);
        return r;
    }

    /** Builds a program step by step; dtypes follow each scalar op's own rule. */
    public static final class Builder {
        private final List<DType> inputs = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final List<Integer> outputs = new ArrayList<>();

        /** A new tensor input. */
        public Operand input(DType dtype) {
            inputs.add(dtype);
            return new Input(inputs.size() - 1);
        }

        /** Applies {@code op}; the result dtype is {@code op.outputDType} of the operands' dtypes. */
        public Operand apply(ScalarOp op, List<Operand> operands) {
            List<DType> types = new ArrayList<>();
            for (Operand o : operands) {
                types.add(dtypeOf(o));
            }
            return apply(op, operands, op.outputDType(types));
        }

        /** Applies {@code op} with a result dtype given by the caller. */
        public Operand apply(ScalarOp op, List<Operand> operands, DType dtype) {
            steps.add(new Step(op, operands, dtype));
            return new Result(steps.size() - 1);
        }

        /** Marks an operand as an output (a non-step operand gets an identity step). */
        public Builder output(Operand operand) {
            Operand result = operand instanceof Result ? operand : apply(new Identity(), List.of(operand), dtypeOf(operand));
            outputs.add(((Result) result).step());
            return this;
        }

        /** The program; needs at least one output. */
        public ElementwiseProgram build() {
            return new ElementwiseProgram(inputs, steps, outputs);
        }

        private DType dtypeOf(Operand operand) {
            if (operand instanceof Input in) {
                return inputs.get(in.index());
            }
            if (operand instanceof Result r) {
                return steps.get(r.step()).dtype();
            }
            return ((Literal) operand).dtype();
        }
    }
}
