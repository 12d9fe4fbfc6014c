package org.gradus.rewrite.stabilize;

import org.gradus.graph.Apply;
import org.gradus.ops.scalar.Sigmoid;
import org.gradus.rewrite.Patterns;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * In a product, {@code sigmoid(-t) * exp(t)} becomes {@code sigmoid(t)} (Theano's
 * {@code local_sigm_times_exp}): finite where {@code exp(t)} overflows and {@code sigmoid(-t)}
 * underflows, in the forward graph and in its gradient.
 */
public final class SigmoidTimesExpToSigmoid extends ProductRewriter {
    @Override
    boolean rewriteFactors(Factors f) {
        for (int e = 0; e < f.numerator.size(); e++) {
            TensorVariable t = Terms.expArgument(f.numerator.get(e));
            if (t == null) {
                continue;
            }
            for (int s = 0; s < f.numerator.size(); s++) {
                Apply sigmoid = Patterns.owner(f.numerator.get(s), Sigmoid.class);
                if (sigmoid != null && Terms.negationOf(sigmoid.input(0), t)) {
                    f.numerator.set(e, T.sigmoid(t));
                    f.numerator.remove(s);
                    return true;
                }
            }
        }
        return false;
    }
}
