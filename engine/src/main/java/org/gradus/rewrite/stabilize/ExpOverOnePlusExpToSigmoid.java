package org.gradus.rewrite.stabilize;

import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * In a product, {@code exp(t) / (1 + exp(t))} becomes {@code sigmoid(t)} and any other
 * {@code c / (1 + exp(t))} becomes {@code c * sigmoid(-t)} (Theano's {@code local_exp_over_1_plus_exp}):
 * finite where {@code exp} overflows, in the forward graph and in the gradients of
 * {@code log(1 + exp(x))}, {@code log(1 / (1 + exp(-x)))} and {@code exp(x) / (1 + exp(x))}.
 */
public final class ExpOverOnePlusExpToSigmoid extends ProductRewriter {
    @Override
    boolean rewriteFactors(Factors f) {
        boolean changed = false;
        for (int i = f.denominator.size() - 1; i >= 0; i--) {
            TensorVariable t = Terms.onePlusExpArgument(f.denominator.get(i));
            if (t == null) {
                continue;
            }
            f.denominator.remove(i);
            int e = indexOfExp(f, t);
            if (e >= 0) {
                f.numerator.set(e, T.sigmoid(t));
            } else {
                f.numerator.add(T.sigmoid(Terms.negated(t)));
            }
            changed = true;
        }
        return changed;
    }

    private static int indexOfExp(Factors f, TensorVariable t) {
        for (int j = 0; j < f.numerator.size(); j++) {
            if (Terms.expArgument(f.numerator.get(j)) == t) {
                return j;
            }
        }
        return -1;
    }
}
