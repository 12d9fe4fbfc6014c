package org.gradus.rewrite.specialize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.linalg.GemmOfTwoProducts;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * {@code gemm(gemm(c, s, a1, b1, β), s, a2, b2, 1)}, two products of the same flags and scale added
 * together (and to {@code β·c}), becomes one {@link GemmOfTwoProducts}
 * {@code gemm2(c, s, a1, b1, a2, b2, β)}: each core's block of the result gets both products while it
 * is in its cache (or, for a short inner dimension, one product over operands joined along it,
 * {@code a1·b1 + a2·b2 = [a1 a2]·[b1; b2]}). The sum alone ({@code c = 0, β = 0}) and the update chain
 * that {@link ScaledDotPlusToGemm} builds ({@code c = w, β = 1}) both match, whichever rule runs first.
 * The gradient of tied weights has this form (the autoencoder's {@code W} is read by its encoder and,
 * transposed, by its decoder), and the weight-sized sum then never makes a round trip between the two
 * products. CPU only.
 */
public final class TwoProductsIntoOneGemm implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Set.of(Gemm.class);
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        Gemm outer = (Gemm) node.op();
        TensorVariable c = node.input(0);
        Apply inner = Patterns.ownerOp(c, Gemm.class);
        if (inner == null || !inner.op().equals(outer) || !graph.hasSingleUse(c) || graph.isOutput(c)
                || !Patterns.isConstant(node.input(4), 1)
                || !sameConstant(node.input(1), inner.input(1))) {
            return Optional.empty();
        }
        TensorVariable a1 = inner.input(2);
        TensorVariable b1 = inner.input(3);
        TensorVariable a2 = node.input(2);
        TensorVariable b2 = node.input(3);
        if (a1.dtype() != a2.dtype() || b1.dtype() != b2.dtype()) {
            return Optional.empty();
        }
        TensorVariable joined = new GemmOfTwoProducts(outer.transA(), outer.transB())
                .apply(inner.input(0), node.input(1), a1, b1, a2, b2, inner.input(4));
        return Optional.of(Replacement.of(node.output(0), joined));
    }

    private static boolean sameConstant(TensorVariable x, TensorVariable y) {
        return x instanceof TensorConstant cx && y instanceof TensorConstant cy && cx.valueView().size() == 1
                && cy.valueView().size() == 1 && cx.valueView().doubleValue() == cy.valueView().doubleValue();
    }
}
