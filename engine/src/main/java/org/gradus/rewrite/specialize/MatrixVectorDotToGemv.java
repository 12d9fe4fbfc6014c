package org.gradus.rewrite.specialize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.linalg.Gemv;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/** A float matrix-vector {@code dot(a, x)} becomes {@code gemv(0, 1, a, x, 0)}, the matrix-vector kernel. */
public final class MatrixVectorDotToGemv implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Dot.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorVariable a = node.input(0);
        TensorVariable x = node.input(1);
        TensorVariable out = node.output(0);
        if (a.ndim() != 2 || x.ndim() != 1 || a.dtype() != x.dtype() || !a.dtype().isFloat()) {
            return Optional.empty();
        }
        TensorVariable zero = T.constant(0.0, out.dtype());
        TensorVariable r = new Gemv().apply(zero, T.constant(1.0, out.dtype()), a, x, zero);
        return Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }
}
