package org.gradus.rewrite.stabilize;

import java.util.Optional;
import java.util.Set;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Sub;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.rewrite.NodeRewriter;
import org.gradus.rewrite.Replacement;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * {@code (a ± b) * q} becomes {@code a*q ± b*q} when a term divides by a factor of {@code q}, so
 * that {@link CancelCommonFactors} can cancel it (or a {@code 1 + exp(t)} by an {@code exp(t)} of {@code q}, for
 * {@link ExpOverOnePlusExpToSigmoid}). Gradients add the contributions of several uses
 * of a variable before the chain rule multiplies by the local derivative; this is what makes the
 * gradient of a binary cross-entropy of a saturated sigmoid finite.
 */
public final class DistributeProductOverSumToCancel implements NodeRewriter {
    @Override
    public Set<Class<? extends Op>> tracks() {
        return Patterns.ELEMWISE;
    }

    @Override
    public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
        if (!Patterns.is(node, Mul.class) || !node.output(0).dtype().isFloat()) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            TensorVariable sum = node.input(side);
            TensorVariable q = node.input(1 - side);
            Apply s = sum.owner();
            boolean add = Patterns.is(s, Add.class);
            if (!(add || Patterns.is(s, Sub.class)) || !graph.hasSingleUse(sum) || sum.dtype() != node.output(0).dtype()) {
                continue;
            }
            Factors qf = Factors.of(q, graph);
            if (dividesBy(s.input(0), qf, graph) || dividesBy(s.input(1), qf, graph)) {
                TensorVariable a = product(s.input(0), q, qf, graph);
                TensorVariable b = product(s.input(1), q, Factors.of(q, graph), graph);
                TensorVariable r = add ? T.add(a, b) : T.sub(a, b);
                TensorVariable out = node.output(0);
                if (Patterns.compatible(out, r)) {
                    return Optional.of(Replacement.of(out, r));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code term * q} with common factors cancelled. */
    private static TensorVariable product(TensorVariable term, TensorVariable qVar, Factors q, FunctionGraph graph) {
        TensorVariable plain = T.mul(term, qVar);
        if (!graph.hasSingleUse(term) || term.dtype() != plain.dtype()) {
            return plain;
        }
        return Factors.product(Factors.of(term, graph), q).cancelledLike(plain);
    }

    private static boolean dividesBy(TensorVariable term, Factors q, FunctionGraph graph) {
        if (!graph.hasSingleUse(term)) {
            return false;
        }
        Factors t = Factors.of(term, graph);
        for (TensorVariable d : t.denominator) {
            if (Factors.containsSame(q.numerator, d) || pairsWithExp(d, q)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code d = 1 + exp(t)} and {@code exp(t)} is a factor of q: {@link ExpOverOnePlusExpToSigmoid} then applies. */
    private static boolean pairsWithExp(TensorVariable d, Factors q) {
        TensorVariable t = Terms.onePlusExpArgument(d);
        if (t == null) {
            return false;
        }
        for (TensorVariable n : q.numerator) {
            if (Terms.expArgument(n) == t) {
                return true;
            }
        }
        return false;
    }
}
