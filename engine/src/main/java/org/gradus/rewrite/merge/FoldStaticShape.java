package org.gradus.rewrite.merge;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.shape.Shape;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/** {@code shape(x)} of a tensor whose static shape is fully known becomes a constant vector. */
public final class FoldStaticShape implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Shape.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorType t = node.input(0).type();
        if (!t.isFullyKnown()) {
            return Optional.empty();
        }
        long[] dims = new long[t.ndim()];
        for (int a = 0; a < dims.length; a++) {
            dims[a] = t.dim(a);
        }
        TensorVariable out = node.output(0);
        TensorVariable c = T.constant(dims, out.dtype() == DType.INT64 ? DType.INT64 : out.dtype());
        return org.gradus.rewrite.Patterns.compatible(out, c) ? Optional.of(Replacement.of(out, c)) : Optional.empty();
    }
}
