package org.gradus.grading.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.lab.ReproducibilityCard;

/** Plain-Java reference computations of Labs 3 and 4 (no engine), and the reproducibility cards they are graded against. */
final class NetworkReference {
    private NetworkReference() {
    }

    /** The seeded uniform initialization the labs prescribe: row by row, bound · (2u - 1) with u from {@code new Random(seed)}. */
    static double[][] uniform(int rows, int cols, double bound, long seed) {
        Random random = new Random(seed);
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = bound * (2 * random.nextDouble() - 1);
            }
        }
        return w;
    }

    /** Seeded values in [-scale, scale) of the given shape, for test inputs. */
    static double[][] randomMatrix(int rows, int cols, double scale, long seed) {
        Random random = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * (2 * random.nextDouble() - 1);
            }
        }
        return m;
    }

    static double[] randomVector(int n, double scale, long seed) {
        return randomMatrix(1, n, scale, seed)[0];
    }

    /** x·w + b, one row per row of x. */
    static double[][] affine(double[][] x, double[][] w, double[] b) {
        double[][] out = new double[x.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double sum = b[j];
                for (int k = 0; k < w.length; k++) {
                    sum += x[i][k] * w[k][j];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    static double[][] map(double[][] m, java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = java.util.Arrays.stream(m[i]).map(f).toArray();
        }
        return out;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Softmax of each row. */
    static double[][] softmax(double[][] z) {
        double[][] p = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double max = java.util.Arrays.stream(z[i]).max().orElse(0);
            double[] e = java.util.Arrays.stream(z[i]).map(v -> Math.exp(v - max)).toArray();
            double sum = java.util.Arrays.stream(e).sum();
            p[i] = java.util.Arrays.stream(e).map(v -> v / sum).toArray();
        }
        return p;
    }

    /** p(y|x) of the MLP. */
    static double[][] mlp(double[][] x, double[][] hw, double[] hb, double[][] ow, double[] ob) {
        return softmax(affine(map(affine(x, hw, hb), Math::tanh), ow, ob));
    }

    static double nll(double[][] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum -= Math.log(p[i][y[i]]);
        }
        return sum / y.length;
    }

    static double sumAbs(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).map(Math::abs).sum();
    }

    static double sumSquares(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).map(v -> v * v).sum();
    }

    static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The autoencoder's mean summed cross-entropy of the reconstruction of (uncorrupted) x. */
    static double autoencoderCost(double[][] x, double[][] w, double[] b, double[] bPrime) {
        double[][] z = reconstruction(x, w, b, bPrime);
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k++) {
                total -= x[i][k] * Math.log(z[i][k]) + (1 - x[i][k]) * Math.log(1 - z[i][k]);
            }
        }
        return total / x.length;
    }

    static double[][] reconstruction(double[][] x, double[][] w, double[] b, double[] bPrime) {
        return map(affine(map(affine(x, w, b), NetworkReference::sigmoid), transpose(w), bPrime), NetworkReference::sigmoid);
    }

    /** The committed reproducibility card of a lab's run in the current floatX, e.g. {@code lab3-quick-float64}. */
    static Map<String, Object> card(int lab, String mode) {
        String name = "/org/gradus/lab/cards/lab" + lab + "-" + mode + "-" + Gradus.config().floatX().numpyName() + ".json";
        try (InputStream in = NetworkReference.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("the reproducibility card " + name + " is missing from lab-support's resources");
            }
            return ReproducibilityCard.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double number(Map<String, Object> card, String key) {
        Object v = card.get(key);
        if (!(v instanceof Double d)) {
            throw new AssertionError("the card has no number '" + key + "': " + card.keySet());
        }
        return d;
    }

    static int[] labelsOf(int[] labels, int from, int count) {
        return java.util.Arrays.copyOfRange(labels, from, from + count);
    }
}
