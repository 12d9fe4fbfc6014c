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
 * transposed matrix times a vector), transposed operands of {@code gemm}/{@code gemv} flip their flags,
 * and the transpose of a product read only there becomes the product of the swapped, flipped operands.
 */
public final class TransposeIntoGemmFlags implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Dot.class, Gemm.class, Gemv.class, DimShuffle.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        TensorVariable out = node.output(0);
        TensorVariable r = null;
        if (node.op() instanceof Dot) {
            r = dot(node.input(0), node.input(1), out);
        } else if (node.op() instanceof DimShuffle) {
            r = transposedProduct(node, graph);
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

    /**
     * {@code (op(a) · op(b)).T} as {@code op(b).T · op(a).T}: the product computed transposed by swapping
     * its operands and flipping their flags, for a product read only by this transpose (such as the
     * gradient of tied weights, {@code dot(h.T, g).T}).
     */
    private static TensorVariable transposedProduct(Apply node, FunctionGraph graph) {
        TensorVariable product = node.input(0);
        if (transposed(node.output(0)) == null || !graph.hasSingleUse(product)) {
            return null;
        }
        Apply owner = product.owner();
        TensorVariable zero = T.constant(0.0, product.dtype());
        if (owner != null && owner.op() instanceof Dot) {
            TensorVariable a = owner.input(0);
            TensorVariable b = owner.input(1);
            if (a.ndim() != 2 || b.ndim() != 2 || a.dtype() != b.dtype() || !a.dtype().isFloat()) {
                return null;
            }
            TensorVariable ua = transposed(a);
            TensorVariable ub = transposed(b);
            return new Gemm(ub == null, ua == null).apply(zero, T.constant(1.0, product.dtype()),
                    ub != null ? ub : b, ua != null ? ua : a, zero);
        }
        if (owner != null && owner.op() instanceof Gemm gemm && Patterns.isConstant(owner.input(4), 0)) {
            return new Gemm(!gemm.transB(), !gemm.transA()).apply(zero, owner.input(1), owner.input(3),
                    owner.input(2), zero);
        }
        return null;
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
