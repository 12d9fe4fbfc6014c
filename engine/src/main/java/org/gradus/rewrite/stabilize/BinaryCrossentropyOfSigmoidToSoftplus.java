package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * The binary cross-entropy of a sigmoid, {@code -(t*log(sigmoid(z)) + (1-t)*log(1-sigmoid(z)))}
 * (what {@code T.binaryCrossentropy(T.sigmoid(z), t)} builds), becomes {@code softplus(z) - t*z}:
 * finite for saturated sigmoids.
 */
public final class BinaryCrossentropyOfSigmoidToSoftplus extends ElemwiseRewriter {
    public BinaryCrossentropyOfSigmoidToSoftplus() {
        super(Neg.class);
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        Apply add = Patterns.owner(node.input(0), Add.class);
        if (add == null) {
            return null;
        }
        Apply positive = Patterns.owner(add.input(0), Mul.class);
        Apply negative = Patterns.owner(add.input(1), Mul.class);
        if (positive == null || negative == null) {
            return null;
        }
        TensorVariable t = positive.input(0);
        Apply logS = Patterns.owner(positive.input(1), Log.class);
        Apply oneMinusT = Patterns.owner(negative.input(0), Sub.class);
        Apply logOneMinusS = Patterns.owner(negative.input(1), Log.class);
        if (logS == null || oneMinusT == null || logOneMinusS == null
                || !Patterns.isConstant(oneMinusT.input(0), 1) || oneMinusT.input(1) != t) {
            return null;
        }
        Apply sigmoid = Patterns.owner(logS.input(0), Sigmoid.class);
        Apply oneMinusS = Patterns.owner(logOneMinusS.input(0), Sub.class);
        if (sigmoid == null || oneMinusS == null || !Patterns.isConstant(oneMinusS.input(0), 1)
                || oneMinusS.input(1) != sigmoid.output(0)) {
            return null;
        }
        TensorVariable z = sigmoid.input(0);
        return T.sub(T.softplus(z), T.mul(t, z));
    }
}
