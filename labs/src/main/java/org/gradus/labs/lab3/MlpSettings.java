package org.gradus.labs.lab3;

import org.gradus.lab.LabMode;
import org.gradus.lab.mnist.Digits;
import org.gradus.lab.mnist.Mnist;

/**
 * The settings of Lab 3's run: the data (a stratified split of the shipped digits, seed
 * {@value #SPLIT_SEED}), the network and the training. {@link LabMode#FULL} is the lesson's reference
 * run; {@link LabMode#QUICK} trains a smaller network on a subset, for CI and grading.
 */
public record MlpSettings(LabMode mode, int trainSize, int validationSize, int testSize, int hidden, int batchSize,
        double learningRate, double l1, double l2, int epochs) {
    /** The seed of the train / validation / test split. */
    public static final long SPLIT_SEED = 2016;
    /** The seed of the hidden layer's weights (the talk's {@code RandomState(1111)}). */
    public static final long INIT_SEED = 1111;
    /** Minibatch size of the error-rate evaluations (it divides every set size). */
    public static final int EVALUATION_BATCH = 500;

    /** The settings of a mode. */
    public static MlpSettings of(LabMode mode) {
        return switch (mode) {
            case QUICK -> new MlpSettings(mode, 1000, 500, 500, 100, 20, 0.1, 0.0, 1e-4, 5);
            case FULL -> new MlpSettings(mode, 8000, 1000, 1000, 500, 20, 0.1, 0.0, 1e-4, 10);
        };
    }

    /** The train, validation and test digits of this run (prefixes of the 8000 / 1000 / 1000 split). */
    public Mnist.Split data() {
        Mnist.Split split = Mnist.split(Mnist.shipped(), 8000, 1000, 1000, SPLIT_SEED);
        return new Mnist.Split(first(split.train(), trainSize), first(split.validation(), validationSize),
                first(split.test(), testSize));
    }

    private static Digits first(Digits digits, int count) {
        return digits.subset(java.util.stream.IntStream.range(0, count).toArray());
    }
}
