package org.gradus.lab;

import java.util.Random;

/**
 * A small two-class data set in the plane: two Gaussian clouds of {@code perClass} points each,
 * class 0 around (-1, -1) and class 1 around (1.5, 1), with standard deviation 0.7. The same seed
 * gives the same points on every JDK ({@link Random} is specified exactly).
 */
public record TwoClassData(double[][] points, double[] labels) {
    /** The centres of class 0 and class 1. */
    static final double[][] CENTRES = {{-1, -1}, {1.5, 1}};
    static final double SPREAD = 0.7;

    /** Generates the data set; points alternate between the classes. */
    public static TwoClassData generate(long seed, int perClass) {
        Random random = new Random(seed);
        double[][] points = new double[2 * perClass][];
        double[] labels = new double[2 * perClass];
        for (int i = 0; i < points.length; i++) {
            int label = i % 2;
            points[i] = new double[] {
                CENTRES[label][0] + SPREAD * random.nextGaussian(),
                CENTRES[label][1] + SPREAD * random.nextGaussian()};
            labels[i] = label;
        }
        return new TwoClassData(points, labels);
    }

    public int size() {
        return points.length;
    }

    /** The fraction of points that a neuron with these weights puts on the right side (output above 0.5 for class 1). */
    public double accuracy(double w1, double w2, double b) {
        int right = 0;
        for (int i = 0; i < points.length; i++) {
            boolean saysOne = w1 * points[i][0] + w2 * points[i][1] + b > 0;
            if (saysOne == (labels[i] == 1)) {
                right++;
            }
        }
        return (double) right / points.length;
    }
}
