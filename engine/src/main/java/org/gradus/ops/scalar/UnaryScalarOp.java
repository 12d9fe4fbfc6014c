package org.gradus.ops.scalar;

/** A scalar op of one operand. */
public interface UnaryScalarOp extends ScalarOp {
    double apply(double x);

    @Override
    default int arity() {
        return 1;
    }

    @Override
    default double compute(double[] args) {
        return apply(args[0]);
    }
}
