package org.gradus.ops.scalar;

/** A scalar op of three operands. */
public interface TernaryScalarOp extends ScalarOp {
    double apply(double x, double y, double z);

    @Override
    default int arity() {
        return 3;
    }

    @Override
    default double compute(double[] args) {
        return apply(args[0], args[1], args[2]);
    }
}
