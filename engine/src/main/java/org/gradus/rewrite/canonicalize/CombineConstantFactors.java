package org.gradus.rewrite.canonicalize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Mul;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/** {@code (x AddZero.java ConstantOperands.java DivByOne.java DoubleNegation.java FillNoOp.java IdentityNoOp.java MulByOne.java PowHalfToSqrt.java PowOneToIdentity.java PowTwoToSqr.java SubZero.java package-info.java c1) AddZero.java ConstantOperands.java DivByOne.java DoubleNegation.java FillNoOp.java IdentityNoOp.java MulByOne.java PowHalfToSqrt.java PowOneToIdentity.java PowTwoToSqr.java SubZero.java package-info.java c2} becomes {@code x AddZero.java ConstantOperands.java DivByOne.java DoubleNegation.java FillNoOp.java IdentityNoOp.java MulByOne.java PowHalfToSqrt.java PowOneToIdentity.java PowTwoToSqr.java SubZero.java package-info.java (c1 AddZero.java ConstantOperands.java DivByOne.java DoubleNegation.java FillNoOp.java IdentityNoOp.java MulByOne.java PowHalfToSqrt.java PowOneToIdentity.java PowTwoToSqr.java SubZero.java package-info.java c2)}, the constant product computed now. */
public final class CombineConstantFactors extends ElemwiseRewriter {
    public CombineConstantFactors() {
        super(Mul.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorConstant outer = ConstantOperands.constantOf(node);
        if (outer == null) {
            return null;
        }
        Apply inner = Patterns.owner(ConstantOperands.variableOf(node), Mul.class);
        if (inner == null || !graph.hasSingleUse(inner.output(0))) {
            return null;
        }
        TensorConstant innerConstant = ConstantOperands.constantOf(inner);
        if (innerConstant == null) {
            return null;
        }
        TensorConstant c = ConstantOperands.folded(T.mul(innerConstant, outer));
        return c == null ? null : T.mul(ConstantOperands.variableOf(inner), c);
    }
}
