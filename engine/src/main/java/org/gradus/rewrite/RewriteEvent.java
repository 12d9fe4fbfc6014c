package org.gradus.rewrite;

import org.gradus.printing.Printing;
import org.gradus.tensor.TensorVariable;

/**
 * One rewrite that fired: the phase, the rule, and the replaced expression before and after, shown
 * in infix form ({@link Printing#pp}) when asked for, so that logging costs nothing at compile time.
 */
public record RewriteEvent(Phase phase, String rule, TensorVariable before, TensorVariable after) {
    /** Infix expressions longer than this are cut with an ellipsis. */
    static final int MAX_TEXT = 160;

    public String beforeText() {
        return shortText(before);
    }

    public String afterText() {
        return shortText(after);
    }

    private static String shortText(TensorVariable v) {
        String s = Printing.pp(v);
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }

    /** E.g. {@code stabilize  LogOfSigmoidToSoftplus: log(sigmoid(x)) => (-softplus((-x)))}. */
    @Override
    public String toString() {
        return phase.lowerName() + "  " + rule + ": " + beforeText() + " => " + afterText();
    }
}
