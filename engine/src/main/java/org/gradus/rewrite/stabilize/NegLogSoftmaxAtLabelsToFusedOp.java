package org.gradus.rewrite.stabilize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.indexing.AdvancedSubtensor;
import org.gradus.ops.indexing.Subtensor;
import org.gradus.ops.nnet.LogSoftmax;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.nnet.SoftmaxCrossentropyWithLogits;
import org.gradus.ops.scalar.Log;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.shape.ARange;
import org.gradus.ops.shape.Shape;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * The negative log-likelihood idiom {@code -log(softmax(x))[arange(y.shape[0]), y]} (or with
 * {@code logSoftmax}, or the minus outside the indexing) becomes {@link SoftmaxCrossentropyWithLogits},
 * whose gradient is the stable {@code softmax(x) - onehot(y)}. The fused op needs one label per row
 * of x, as the idiom intends.
 */
public final class NegLogSoftmaxAtLabelsToFusedOp implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(AdvancedSubtensor.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        if (node.inputs().size() != 3) {
            return Optional.empty();
        }
        TensorVariable picked = node.input(0);
        TensorVariable rows = node.input(1);
        TensorVariable labels = node.input(2);
        boolean negated = false;
        Apply neg = Patterns.owner(picked, Neg.class);
        if (neg != null) {
            negated = true;
            picked = neg.input(0);
        }
        TensorVariable x = logits(picked);
        if (x == null || x.ndim() != 2 || labels.ndim() != 1 || !labels.dtype().isInteger()
                || !isArangeOfLength(rows, labels)) {
            return Optional.empty();
        }
        TensorVariable ce = new SoftmaxCrossentropyWithLogits().apply(x, labels);
        TensorVariable r = negated ? ce : T.neg(ce);
        TensorVariable out = node.output(0);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }

    /** x when v is {@code log(softmax(x))} or {@code logSoftmax(x)}. */
    private static TensorVariable logits(TensorVariable v) {
        Apply ls = Patterns.ownerOp(v, LogSoftmax.class);
        if (ls != null) {
            return ls.input(0);
        }
        Apply log = Patterns.owner(v, Log.class);
        Apply sm = log == null ? null : Patterns.ownerOp(log.input(0), Softmax.class);
        return sm == null ? null : sm.input(0);
    }

    /** Whether v is {@code arange(0, n, 1)} with n the length of the labels. */
    private static boolean isArangeOfLength(TensorVariable v, TensorVariable labels) {
        Apply ar = Patterns.ownerOp(v, ARange.class);
        if (ar == null || !Patterns.isConstant(ar.input(0), 0) || !Patterns.isConstant(ar.input(2), 1)) {
            return false;
        }
        TensorVariable stop = ar.input(1);
        if (stop instanceof TensorConstant) {
            return labels.type().dim(0) >= 0 && Patterns.isConstant(stop, labels.type().dim(0));
        }
        Apply index = Patterns.ownerOp(stop, Subtensor.class);
        Apply shape = index == null ? null : Patterns.ownerOp(index.input(0), Shape.class);
        return shape != null && shape.input(0) == labels && index.inputs().size() == 1
                && index.op().equals(pointAtZero());
    }

    private static Op pointAtZero() {
        return T.subtensor(T.lvector("probe"), 0).owner().op();
    }
}
