package org.gradus.labs.lab4;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradus.Gradus;
import org.gradus.lab.NotDoneYet;
import org.gradus.compile.Function;
import org.gradus.lab.Progress;
import org.gradus.ops.random.RandomStreams;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * Lab 4 — the denoising autoencoder (Vincent et al., ICML 2008): corrupt the input, encode it with
 * tied weights, reconstruct the clean input, and look at the filters it learns with and without
 * corruption. The lesson is {@code lessons/lab4.adoc}; run {@link AutoencoderLabRun#main} to see every step's result.
 */
public class AutoencoderLab {
    /** The parameters: weights {@code w} (visible × hidden), hidden bias {@code b}, visible bias {@code bPrime}. */
    public record Autoencoder(SharedVariable w, SharedVariable b, SharedVariable bPrime) {
    }

    /**
     * Step 1: the parameters, shared variables named "W" (nVisible × nHidden), "b" (nHidden, zero) and
     * "b_prime" (nVisible, zero). The weights are uniform: with {@code random = new Random(seed)} and
     * bound = 4 · sqrt(6 / (nVisible + nHidden)), element [i][j], filled row by row, is
     * {@code bound * (2 * random.nextDouble() - 1)}.
     * Expected: for 784 × 500 every weight lies in ±0.2734 (4 · sqrt(6 / 1284)).
     */
    // tag::step1[]
    public Autoencoder autoencoder(int nVisible, int nHidden, long seed) {
        throw new NotDoneYet(4, 1, "make the shared W (uniform, seeded), b and b_prime");
    }
    // end::step1[]

    /**
     * Step 2: the corrupted input x̃: keep each element of {@code x} with probability 1 - level and set
     * it to zero otherwise, by multiplying x with {@code random.binomial(x.shape(), 1, 1 - level, x.dtype())}.
     * Expected: at level 0.3 about 30% of the ink of a digit disappears, and another call draws another mask.
     */
    // tag::step2[]
    public TensorVariable corrupt(RandomStreams random, TensorVariable x, double level) {
        throw new NotDoneYet(4, 2, "multiply x by a binomial mask that keeps each element with probability 1 - level");
    }
    // end::step2[]

    /**
     * Step 3: the hidden representation y = sigmoid(x̃·W + b) of an input (one example per row).
     * Expected: values in (0, 1), one row of nHidden per example.
     */
    // tag::step3[]
    public TensorVariable hiddenValues(TensorVariable input, Autoencoder a) {
        throw new NotDoneYet(4, 3, "compute sigmoid(input·W + b)");
    }
    // end::step3[]

    /**
     * Step 4: the reconstruction z = sigmoid(y·Wᵀ + b') with the same (tied) weights, transposed.
     * Expected: one row of nVisible values in (0, 1) per example.
     */
    // tag::step4[]
    public TensorVariable reconstruct(TensorVariable hidden, Autoencoder a) {
        throw new NotDoneYet(4, 4, "compute sigmoid(hidden·Wᵀ + b_prime) with the tied weights");
    }
    // end::step4[]

    /**
     * Step 5: the reconstruction cost: for each example (row) the cross-entropy
     * L = -Σₖ [xₖ log zₖ + (1 - xₖ) log(1 - zₖ)], summed over axis 1, then the mean over the minibatch.
     * Expected: for x = [[1, 0]] and z = [[0.8, 0.4]]: -(log 0.8 + log 0.6) = 0.7340….
     */
    // tag::step5[]
    public TensorVariable cost(TensorVariable x, TensorVariable z) {
        throw new NotDoneYet(4, 5, "build the mean over the minibatch of the summed cross-entropy");
    }
    // end::step5[]

    /**
     * Step 6: compile one training step: input an int64 scalar {@code index}; a floatX matrix x named
     * "x", replaced through {@code givens} by rows index·batchSize to (index + 1)·batchSize of
     * {@code images}; output the cost of step 5 for the reconstruction of the corrupted x (steps 2–4);
     * updates param - lr · ∂cost/∂param for W, b and b_prime.
     * Expected: the training function updates exactly W, b and b_prime (and the random state, which the
     * engine advances by itself).
     */
    // tag::step6[]
    public Function trainingFunction(Autoencoder a, RandomStreams random, SharedVariable images, double level,
            double lr, int batchSize) {
        throw new NotDoneYet(4, 6, "compile the training step of a minibatch index with givens and three updates");
    }
    // end::step6[]

    /**
     * Step 7: train for {@code epochs} epochs: each epoch calls {@code train} on every minibatch index
     * 0 .. batches - 1 in order and records the mean of the costs; report progress once per epoch with
     * {@code new Progress("epoch", epochs)}.
     * Expected: the mean cost falls from epoch to epoch.
     */
    // tag::step7[]
    public double[] train(Function train, int batches, int epochs) {
        throw new NotDoneYet(4, 7, "train for the epochs and record the mean cost of each");
    }
    // end::step7[]

    /**
     * Step 8: the filters of the first {@code count} hidden units: filter j is column j of W, the
     * weights from every pixel to hidden unit j (nVisible values, a 28 × 28 image for digits).
     * Expected: {@code count} arrays of nVisible values; filter j, pixel i is W[i][j].
     */
    // tag::step8[]
    public double[][] filters(Autoencoder a, int count) {
        throw new NotDoneYet(4, 8, "return the columns of W as filters");
    }
    // end::step8[]

    /**
     * Step 9: compile a function of a floatX matrix x (named "x") with two outputs: the corrupted x̃
     * (step 2, with {@code random} and {@code level}) and the reconstruction of x̃ (steps 3 and 4).
     * Expected: at level 0 the first output is x itself.
     */
    // tag::step9[]
    public Function reconstructionFunction(Autoencoder a, RandomStreams random, double level) {
        throw new NotDoneYet(4, 9, "compile the corrupted x and its reconstruction as a function of x");
    }
    // end::step9[]
}
