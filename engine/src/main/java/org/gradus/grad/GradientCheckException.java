package org.gradus.grad;

import org.gradus.GradientException;

/**
 * A symbolic gradient that disagrees with its finite-difference estimate, thrown by
 * {@link VerifyGrad}. The message names the input, the element, both values and the tolerance.
 */
public class GradientCheckException extends GradientException {
    private static final long serialVersionUID = 1L;

    private final int inputIndex;
    private final int[] element;
    private final double analytic;
    private final double numeric;

    public GradientCheckException(String message, int inputIndex, int[] element, double analytic, double numeric) {
        super(message);
        this.inputIndex = inputIndex;
        this.element = element.clone();
        this.analytic = analytic;
        this.numeric = numeric;
    }

    /** The position of the failing input in the point list. */
    public int inputIndex() {
        return inputIndex;
    }

    /** The n-d index of the first failing element. */
    public int[] element() {
        return element.clone();
    }

    /** The symbolic gradient at that element. */
    public double analytic() {
        return analytic;
    }

    /** The central-difference estimate at that element. */
    public double numeric() {
        return numeric;
    }
}
