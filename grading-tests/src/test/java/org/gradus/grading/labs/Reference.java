package org.gradus.grading.labs;

/** Independent reference values computed in plain Java, without the engine. */
final class Reference {
    private Reference() {
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double logisticSlope(double x) {
        double s = logistic(x);
        return s * (1 - s);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The neuron's output S(x·w + b). */
    static double neuron(double[] x, double[] w, double b) {
        return logistic(dot(x, w) + b);
    }

    /** d/dw and d/db of (S(x·w + b) - yHat)², as {dw..., db}. */
    static double[] squaredErrorGradient(double[] x, double[] w, double b, double yHat) {
        double y = neuron(x, w, b);
        double dz = 2 * (y - yHat) * y * (1 - y);
        double[] g = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            g[i] = dz * x[i];
        }
        g[x.length] = dz;
        return g;
    }

    /** {@code steps} plain gradient-descent steps on one example; returns {w..., b}. */
    static double[] train(double[] x, double yHat, double[] w0, double b0, double lr, int steps) {
        double[] w = w0.clone();
        double b = b0;
        for (int s = 0; s < steps; s++) {
            double[] g = squaredErrorGradient(x, w, b, yHat);
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
            b -= lr * g[w.length];
        }
        double[] result = java.util.Arrays.copyOf(w, w.length + 1);
        result[w.length] = b;
        return result;
    }

    /** One full-batch step of the mean squared error on all points; updates {@code wb = {w1, w2, b}} and returns the cost before it. */
    static double batchStep(double[][] points, double[] labels, double[] wb, double lr) {
        int n = points.length;
        double cost = 0;
        double[] g = new double[3];
        for (int i = 0; i < n; i++) {
            double y = logistic(points[i][0] * wb[0] + points[i][1] * wb[1] + wb[2]);
            cost += (y - labels[i]) * (y - labels[i]) / n;
            double dz = 2 * (y - labels[i]) / n * y * (1 - y);
            g[0] += dz * points[i][0];
            g[1] += dz * points[i][1];
            g[2] += dz;
        }
        for (int k = 0; k < 3; k++) {
            wb[k] -= lr * g[k];
        }
        return cost;
    }
}
