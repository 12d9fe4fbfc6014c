package org.gradus.rewrite.stabilize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.nnet.CategoricalCrossentropy1Hot;
import org.gradus.ops.nnet.Softmax;
import org.gradus.ops.nnet.SoftmaxCrossentropyWithLogits;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/** {@code categoricalCrossentropy(softmax(x), y)} with integer labels becomes one {@link SoftmaxCrossentropyWithLogits}. */
public final class CrossentropyOfSoftmaxToFusedOp implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(CategoricalCrossentropy1Hot.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Apply sm = Patterns.ownerOp(node.input(0), Softmax.class);
        if (sm == null || sm.input(0).ndim() != 2) {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        TensorVariable r = new SoftmaxCrossentropyWithLogits().apply(sm.input(0), node.input(1));
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
