package org.gradus.labs.lab4;

import java.util.stream.IntStream;
import org.gradus.lab.LabMode;
import org.gradus.lab.mnist.Digits;
import org.gradus.lab.mnist.Mnist;

/**
 * The settings of Lab 4's run: the training and test digits (prefixes of the stratified 8000 / 1000 /
 * 1000 split with seed {@value #SPLIT_SEED}), the autoencoder's size and the training.
 * {@link LabMode#FULL} is the lesson's reference run; {@link LabMode#QUICK} is a small one for CI and grading.
 */
public record DaeSettings(LabMode mode, int trainSize, int testSize, int hidden, int batchSize, double learningRate,
        int epochs) {
    /** The seed of the train / validation / test split. */
    public static final long SPLIT_SEED = 2016;
    /** The seed of the weights. */
    public static final long INIT_SEED = 123;
    /** The seed of the corruption's random stream (the tutorial's {@code RandomStreams(2 ** 30)}). */
    public static final long NOISE_SEED = 1 << 30;
    /** The corruption levels the lab compares. */
    public static final double[] LEVELS = {0.0, 0.3};

    /** The settings of a mode. */
    public static DaeSettings of(LabMode mode) {
        return switch (mode) {
            case QUICK -> new DaeSettings(mode, 1000, 200, 100, 20, 0.1, 2);
            case FULL -> new DaeSettings(mode, 8000, 1000, 500, 20, 0.1, 5);
        };
    }

    /** The training digits of this run. */
    public Digits train() {
        return first(split().train(), trainSize);
    }

    /** The test digits of this run. */
    public Digits test() {
        return first(split().test(), testSize);
    }

    private static Mnist.Split split() {
        return Mnist.split(Mnist.shipped(), 8000, 1000, 1000, SPLIT_SEED);
    }

    private static Digits first(Digits digits, int count) {
        return digits.subset(IntStream.range(0, count).toArray());
    }
}
