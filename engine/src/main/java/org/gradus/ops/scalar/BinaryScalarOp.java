package org.gradus.ops.scalar;

/** A scalar op of two operands. */
public interface BinaryScalarOp extends ScalarOp {
    double apply(double x, double y);

    @Override
    default int arity() {
        return 2;
    }

    @Override
    default double compute(double[] args) {
        return apply(args[0], args[1]);
    }
}
