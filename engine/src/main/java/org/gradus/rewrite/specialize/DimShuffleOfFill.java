package org.gradus.rewrite.specialize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.scalar.Second;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * {@code dimshuffle(fill(like, v))} becomes {@code fill(dimshuffle(like), dimshuffle(v))}, so that a
 * fill under a broadcast (the gradient of a row sum, {@code g.dimshuffle(0, 'x')}) can keep sinking
 * through the elementwise ops above it ({@link FillSink}). An axis the dimshuffle drops is broadcastable
 * in the fill, hence in both of its operands.
 */
public final class DimShuffleOfFill implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(DimShuffle.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Apply fill = Patterns.owner(node.input(0), Second.class);
        if (fill == null) {
            return Optional.empty();
        }
        TensorVariable like = fill.input(0);
        TensorVariable v = fill.input(1);
        TensorVariable out = node.output(0);
        if (like.ndim() != fill.output(0).ndim() || v.ndim() != like.ndim()) {
            return Optional.empty();
        }
        DimShuffle shuffle = (DimShuffle) node.op();
        TensorVariable r = new Elemwise(new Second()).apply(shuffle.apply(like), shuffle.apply(v));
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
