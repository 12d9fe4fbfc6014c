package org.gradus.rewrite.specialize;

import java.util.List;
import org.gradus.graph.Apply;
import org.gradus.ops.elemwise.Elemwise;
import org.gradus.ops.linalg.Dot;
import org.gradus.ops.linalg.Gemm;
import org.gradus.ops.linalg.Gemv;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.ElemwiseRewriter;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorConstant;
import org.gradus.tensor.TensorVariable;

/**
 * {@code c + s * dot(a, b)}, {@code c - s * dot(a, b)} and {@code dot(a, b) + c} (s a scalar, the dot
 * read only here) become {@code gemm(c, ±s, a, b, 1)} for two matrices, or {@code gemv} for a matrix
 * and a vector: the product and the sum in one pass, as in the update {@code w - lr * dot(x.T, g)}.
 * A bare product that {@link TransposeIntoGemmFlags} already turned into {@code gemm(0, 1, a, b, 0)}
 * counts as a dot, keeping its transpose flags.
 *
 * <p>A sum of products, {@code gemm(p, α, a2, b2, 1)} with constant α and s, joins the chain the same
 * way: {@code c ± s·gemm(p, α, a2, b2, 1)} becomes {@code gemm(c ± s·p, ±s·α, a2, b2, 1)}, and the rule
 * then folds {@code c ± s·p} when {@code p} is itself a product. The gradient of tied weights (the
 * autoencoder's {@code W}, read by its encoder and, transposed, by its decoder) is such a sum, and its
 * update becomes two products accumulated into {@code W} in place, with no weight-sized pass left.
 */
public final class ScaledDotPlusToGemm extends ElemwiseRewriter {
    public ScaledDotPlusToGemm() {
        super(Add.class);
    }

    /** The same rule for {@code c - s * dot(a, b)}. */
    public static final class Subtracted extends ElemwiseRewriter {
        public Subtracted() {
            super(Sub.class);
        }

        @Override
        public String name() {
            return "ScaledDotMinusToGemm";
        }

        @Override
        protected TensorVariable replace(Apply node, FunctionGraph graph) {
            return gemm(node.input(0), node.input(1), true, node, graph);
        }
    }

    @Override
    protected TensorVariable replace(Apply node, FunctionGraph graph) {
        TensorVariable r = gemm(node.input(0), node.input(1), false, node, graph);
        return r != null ? r : gemm(node.input(1), node.input(0), false, node, graph);
    }

    /** {@code c ± term} as gemm/gemv when term is a (scaled) product; else {@code null}. */
    static TensorVariable gemm(TensorVariable c, TensorVariable term, boolean minus, Apply node, FunctionGraph graph) {
        TensorVariable out = node.output(0);
        TensorVariable scale = T.constant(1.0, out.dtype());
        Apply dot = product(term);
        if (dot == null) {
            TensorVariable chained = intoChain(c, term, minus, node, graph);
            if (chained != null) {
                return chained;
            }
        }
        if (dot == null && Patterns.is(term.owner(), Mul.class) && graph.hasSingleUse(term)) {
            Apply mul = term.owner();
            for (int side = 0; side < 2 && dot == null; side++) {
                Apply d = product(mul.input(side));
                TensorVariable s = mul.input(1 - side);
                if (d != null && s.ndim() == 0 && (s.dtype() == out.dtype() || s instanceof TensorConstant)) {
                    dot = d;
                    scale = s instanceof TensorConstant ? T.constant(((TensorConstant) s).valueView().doubleValue(),
                            out.dtype()) : s;
                }
            }
        }
        if (dot == null || !graph.hasSingleUse(dot.output(0)) || c.dtype() != out.dtype() || c.ndim() > out.ndim()
                || fusesBetterElementwise(c, out, graph)) {
            return null;
        }
        boolean bare = dot.op() instanceof Dot;
        TensorVariable a = dot.input(bare ? 0 : 2);
        TensorVariable b = dot.input(bare ? 1 : 3);
        boolean transA = dot.op() instanceof Gemm g ? g.transA() : dot.op() instanceof Gemv v && v.transA();
        boolean transB = dot.op() instanceof Gemm g && g.transB();
        if (a.ndim() != 2 || a.dtype() != out.dtype() || b.dtype() != out.dtype()) {
            return null;
        }
        TensorVariable alpha = scale;
        if (minus) {
            alpha = scale instanceof TensorConstant
                    ? T.constant(-((TensorConstant) scale).valueView().doubleValue(), out.dtype()) : T.neg(scale);
        }
        TensorVariable one = T.constant(1.0, out.dtype());
        if (b.ndim() == 2) {
            return new Gemm(transA, transB).apply(c, alpha, a, b, one);
        }
        return new Gemv(transA).apply(c, alpha, a, b, one);
    }

    /**
     * {@code c ± s·gemm(p, α, a, b, 1)} as {@code gemm(c ± s·p, ±s·α, a, b, 1)} (s the term's constant
     * scale or 1, α constant; the gemm and its added term {@code p} read only here, all of one shape and
     * dtype), or {@code null}.
     */
    private static TensorVariable intoChain(TensorVariable c, TensorVariable term, boolean minus, Apply node,
                                            FunctionGraph graph) {
        TensorVariable out = node.output(0);
        double s = 1;
        TensorVariable sum = term;
        if (Patterns.is(term.owner(), Mul.class) && graph.hasSingleUse(term)) {
            Apply mul = term.owner();
            int side = Patterns.ownerOp(mul.input(0), Gemm.class) != null ? 0 : 1;
            if (!(mul.input(1 - side) instanceof TensorConstant k) || k.valueView().size() != 1) {
                return null;
            }
            s = k.valueView().doubleValue();
            sum = mul.input(side);
        }
        Apply g = Patterns.ownerOp(sum, Gemm.class);
        if (g == null || !graph.hasSingleUse(sum) || !Patterns.isConstant(g.input(4), 1)
                || !(g.input(1) instanceof TensorConstant alpha) || alpha.valueView().size() != 1) {
            return null;
        }
        TensorVariable p = g.input(0);
        if (!graph.hasSingleUse(p) || graph.isOutput(p) || p.dtype() != out.dtype() || c.dtype() != out.dtype()
                || p.ndim() != 2 || c.ndim() != 2 || out.ndim() != 2 || fusesBetterElementwise(c, out, graph)) {
            return null;
        }
        double k = minus ? -s : s;
        TensorVariable scaled = s == 1 ? p : T.mul(T.constant(s, out.dtype()), p);
        TensorVariable added = minus ? T.sub(c, scaled) : T.add(c, scaled);
        Gemm op = (Gemm) g.op();
        return op.apply(added, T.constant(k * alpha.valueView().doubleValue(), out.dtype()), g.input(2), g.input(3),
                T.constant(1.0, out.dtype()));
    }

    /**
     * Whether {@code c} is computed elementwise and the sum is read only by elementwise ops: the fuse
     * phase then puts {@code c} and the sum into their reader's loop, which reads the product once.
     * Folding {@code c} into gemm would write {@code c} out, copy it into the product and read the sum
     * back: two more passes over a weight-sized array in a regularized update such as
     * {@code w - lr * (dot(x.T, g) + l2 * w)}.
     */
    private static boolean fusesBetterElementwise(TensorVariable c, TensorVariable out, FunctionGraph graph) {
        if (c.owner() == null || !(c.owner().op() instanceof Elemwise) || c.ndim() != out.ndim() || graph.isOutput(out)) {
            return false;
        }
        List<Apply> readers = graph.clients(out);
        return !readers.isEmpty() && readers.stream().allMatch(r -> r.op() instanceof Elemwise);
    }

    /** The node computing {@code v} as a plain product: a dot, or a gemm/gemv that adds nothing and scales by 1. */
    private static Apply product(TensorVariable v) {
        Apply dot = Patterns.ownerOp(v, Dot.class);
        if (dot != null) {
            return dot;
        }
        Apply gemm = Patterns.ownerOp(v, Gemm.class);
        Apply gemv = Patterns.ownerOp(v, Gemv.class);
        Apply p = gemm != null ? gemm : gemv;
        return p != null && Patterns.isConstant(p.input(1), 1) && Patterns.isConstant(p.input(4), 0) ? p : null;
    }
}
