package org.gradus.gpu.kernels;

import java.util.ArrayList;
import java.util.List;
import org.gradus.ops.elemwise.Composite;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.types.DType;

/**
 * The optimizer's fused {@link Composite} op (and a lone {@link Elemwise} node) as an
 * {@link ElementwiseProgram}: the composite's inner scalar DAG, step for step with each step's
 * stored dtype, so each fused group becomes one generated kernel.
 */
public final class CompositePrograms {
    private CompositePrograms() {
    }

    /** The program of {@code composite} for inputs of these dtypes. */
    public static ElementwiseProgram of(Composite composite, List<DType> inputDTypes) {
        if (inputDTypes.size() != composite.inputCount()) {
            throw new IllegalArgumentException("the composite takes " + composite.inputCount() + " inputs, got "
                    + inputDTypes.size() + " dtypes");
        }
        ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
        List<ElementwiseProgram.Operand> refs = new ArrayList<>();
        for (DType d : inputDTypes) {
            refs.add(b.input(d));
        }
        for (Composite.Step s : composite.steps()) {
            List<ElementwiseProgram.Operand> args = new ArrayList<>();
            for (int r : s.operands()) {
                args.add(refs.get(r));
            }
            refs.add(b.apply(s.op(), args, s.dtype()));
        }
        for (int o : composite.outputs()) {
            b.output(refs.get(o));
        }
        return b.build();
    }

    /** The program of one elementwise node: its scalar op on inputs of these dtypes, giving {@code outputDType}. */
    public static ElementwiseProgram of(Elemwise op, List<DType> inputDTypes, DType outputDType) {
        ElementwiseProgram.Builder b = new ElementwiseProgram.Builder();
        List<ElementwiseProgram.Operand> args = new ArrayList<>();
        for (DType d : inputDTypes) {
            args.add(b.input(d));
        }
        b.output(b.apply(op.scalarOp(), args, outputDType));
        return b.build();
    }
}
