package org.gradus.lab;

/**
 * The decision boundary of a neuron with two inputs at one moment of training: the line
 * {@code w1·x1 + w2·x2 + b = 0}, where the neuron's output is exactly 0.5.
 */
public record Boundary(String label, double w1, double w2, double b) {
    /** The x2 coordinate of the boundary at {@code x1} ({@code NaN} for a vertical line, where w2 = 0). */
    public double x2At(double x1) {
        return w2 == 0 ? Double.NaN : -(w1 * x1 + b) / w2;
    }
}
