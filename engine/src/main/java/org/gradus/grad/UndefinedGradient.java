package org.gradus.grad;

import org.gradus.graph.SourceSite;
import org.gradus.tensor.TensorVariable;

/**
 * Marks a gradient that does not exist (for example with respect to the probability of a random
 * draw). It is harmless unless it reaches a variable the user asked the gradient of, in which case
 * {@code T.grad} reports {@link #reason()}.
 */
public final class UndefinedGradient extends TensorVariable {
    private final String reason;

    UndefinedGradient(TensorVariable input, String reason) {
        super(input.type(), null, 0, "undefined gradient", SourceSite.UNKNOWN);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
