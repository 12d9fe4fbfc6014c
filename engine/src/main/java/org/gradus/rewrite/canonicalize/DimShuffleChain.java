package org.gradus.rewrite.canonicalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorVariable;

/**
 * Two dimshuffles in a row (transposes included) become one, and a dimshuffle that puts every
 * axis back where it was disappears: {@code transpose(transpose(x)) -> x}.
 */
public final class DimShuffleChain implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(DimShuffle.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        List<Integer> outer = ((DimShuffle) node.op()).order();
        Apply innerNode = Patterns.ownerOp(node.input(0), DimShuffle.class);
        TensorVariable x;
        List<Integer> combined;
        if (innerNode != null) {
            List<Integer> inner = ((DimShuffle) innerNode.op()).order();
            x = innerNode.input(0);
            combined = new ArrayList<>();
            for (int o : outer) {
                combined.add(o < 0 ? -1 : inner.get(o));
            }
        } else {
            x = node.input(0);
            combined = outer;
        }
        boolean identity = combined.size() == x.ndim();
        for (int i = 0; i < combined.size() && identity; i++) {
            identity = combined.get(i) == i;
        }
        TensorVariable r;
        if (identity) {
            r = x;
        } else if (innerNode != null) {
            r = new DimShuffle(combined).apply(x);
        } else {
            return Optional.empty();
        }
        TensorVariable out = node.output(0);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
