package org.gradus.rewrite.stabilize;

import java.util.ArrayList;
import java.util.List;
import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Mul;
import org.gradus.ops.scalar.Neg;
import org.gradus.ops.scalar.Sqr;
import org.gradus.ops.scalar.TrueDiv;
import org.gradus.rewrite.FunctionGraph;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * A product seen as {@code sign * (n1 * n2 * ...) / (d1 * d2 * ...)}, flattened through the
 * multiplications, divisions, squares and negations that only it reads (and that keep its dtype).
 */
final class Factors {
    final List<TensorVariable> numerator = new ArrayList<>();
    final List<TensorVariable> denominator = new ArrayList<>();
    boolean negative;

    static Factors of(TensorVariable root, FunctionGraph graph) {
        Factors f = new Factors();
        f.collect(root, true, true, graph, root);
        return f;
    }

    private void collect(TensorVariable v, boolean inNumerator, boolean isRoot, FunctionGraph graph, TensorVariable root) {
        Apply o = v.owner();
        boolean flatten = o != null && v.dtype() == root.dtype() && (isRoot || graph.hasSingleUse(v));
        if (flatten && Patterns.is(o, Mul.class)) {
            collect(o.input(0), inNumerator, false, graph, root);
            collect(o.input(1), inNumerator, false, graph, root);
        } else if (flatten && Patterns.is(o, TrueDiv.class)) {
            collect(o.input(0), inNumerator, false, graph, root);
            collect(o.input(1), !inNumerator, false, graph, root);
        } else if (flatten && Patterns.is(o, Sqr.class)) {
            collect(o.input(0), inNumerator, false, graph, root);
            collect(o.input(0), inNumerator, false, graph, root);
        } else if (flatten && Patterns.is(o, Neg.class)) {
            negative = !negative;
            collect(o.input(0), inNumerator, false, graph, root);
        } else {
            (inNumerator ? numerator : denominator).add(v);
        }
    }

    /** Whether some variable is both a numerator and a denominator factor. */
    boolean hasCommonFactor() {
        for (TensorVariable d : denominator) {
            if (containsSame(numerator, d)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsSame(List<TensorVariable> list, TensorVariable v) {
        for (TensorVariable x : list) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Removes common factors; returns them (one entry per cancelled pair). */
    List<TensorVariable> cancel() {
        List<TensorVariable> cancelled = new ArrayList<>();
        for (int i = denominator.size() - 1; i >= 0; i--) {
            TensorVariable d = denominator.get(i);
            for (int j = 0; j < numerator.size(); j++) {
                if (numerator.get(j) == d) {
                    numerator.remove(j);
                    denominator.remove(i);
                    cancelled.add(d);
                    break;
                }
            }
        }
        return cancelled;
    }

    /** The factors of {@code a * b}. */
    static Factors product(Factors a, Factors b) {
        Factors f = new Factors();
        f.numerator.addAll(a.numerator);
        f.numerator.addAll(b.numerator);
        f.denominator.addAll(a.denominator);
        f.denominator.addAll(b.denominator);
        f.negative = a.negative != b.negative;
        return f;
    }

    /**
     * Cancels the common factors and rebuilds the expression with the type of {@code like}: when a
     * cancelled factor carried the shape, the result is broadcast back with {@code fill}.
     */
    TensorVariable cancelledLike(TensorVariable like) {
        List<TensorVariable> cancelled = cancel();
        TensorVariable r = build();
        for (TensorVariable c : cancelled) {
            if (r.type().equals(like.type())) {
                break;
            }
            r = T.fill(c, r);
        }
        return r;
    }

    /** The expression again, as a product divided by a product, negated if needed. */
    TensorVariable build() {
        TensorVariable num = numerator.isEmpty() ? T.constant(1) : numerator.get(0);
        for (int i = 1; i < numerator.size(); i++) {
            num = T.mul(num, numerator.get(i));
        }
        for (TensorVariable d : denominator) {
            num = T.div(num, d);
        }
        return negative ? T.neg(num) : num;
    }
}
