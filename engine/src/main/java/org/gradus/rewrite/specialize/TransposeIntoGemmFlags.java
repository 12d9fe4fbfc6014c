package org.gradus.rewrite.specialize;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.linalg.Gemv;
import org.gradus.ops.shape.DimShuffle;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * A matrix product whose operand is a transposed matrix, {@code dot(x.T, g)} or {@code dot(g, W.T)},
 * reads the untransposed matrix with BLAS's transpose flag instead of copying the transpose first:
 * a float {@code dot} becomes {@code gemm_TN}/{@code gemm_NT}/{@code gemm_TT} (or {@code gemv_T} for a
 * transposed matrix times a vector), and transposed operands of {@code gemm}/{@code gemv} flip their flags.
 */
public final class TransposeIntoGemmFlags implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Dot.class, Gemm.class, Gemv.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorVariable out = node.output(0);
        TensorVariable r = null;
        if (node.op() instanceof Dot) {
            r = dot(node.input(0), node.input(1), out);
        } else if (node.op() instanceof Gemm gemm) {
            TensorVariable a = transposed(node.input(2));
            TensorVariable b = transposed(node.input(3));
            if (a != null || b != null) {
                r = new Gemm(gemm.transA() ^ (a != null), gemm.transB() ^ (b != null)).apply(node.input(0), node.input(1),
                        a != null ? a : node.input(2), b != null ? b : node.input(3), node.input(4));
            }
        } else if (node.op() instanceof Gemv gemv) {
            TensorVariable a = transposed(node.input(2));
            if (a != null) {
                r = new Gemv(!gemv.transA()).apply(node.input(0), node.input(1), a, node.input(3), node.input(4));
            }
        }
        return r != null && Patterns.compatible(out, r) ? Optional.of(Replacement.of(out, r)) : Optional.empty();
    }

    private static TensorVariable dot(TensorVariable a, TensorVariable b, TensorVariable out) {
        if (a.dtype() != b.dtype() || !a.dtype().isFloat() || a.ndim() != 2) {
            return null;
        }
        TensorVariable ua = transposed(a);
        TensorVariable ub = b.ndim() == 2 ? transposed(b) : null;
        if (ua == null && ub == null) {
            return null;
        }
        TensorVariable zero = T.constant(0.0, out.dtype());
        TensorVariable one = T.constant(1.0, out.dtype());
        if (b.ndim() == 1) {
            return new Gemv(true).apply(zero, one, ua, b, zero);
        }
        return new Gemm(ua != null, ub != null).apply(zero, one, ua != null ? ua : a, ub != null ? ub : b, zero);
    }

    /** The matrix {@code m} when {@code v} is {@code m.T} for a matrix m, else {@code null}. */
    private static TensorVariable transposed(TensorVariable v) {
        Apply shuffle = Patterns.ownerOp(v, DimShuffle.class);
        if (shuffle == null || v.ndim() != 2 || shuffle.input(0).ndim() != 2) {
            return null;
        }
        return ((DimShuffle) shuffle.op()).order().equals(List.of(1, 0)) ? shuffle.input(0) : null;
    }
}
