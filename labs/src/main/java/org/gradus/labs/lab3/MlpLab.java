package org.gradus.labs.lab3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.gradus.Gradus;
import org.gradus.lab.NotDoneYet;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.lab.Progress;
import org.gradus.lab.mnist.Digits;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * Lab 3 — the multilayer perceptron p(y|x) = softmax(W2·tanh(W1·x + b1) + b2) on handwritten digits:
 * initialization, the forward pass, the regularized negative log-likelihood, one compiled training
 * step with four updates over minibatches held in shared variables, and what the trained network
 * gets wrong. The lesson is {@code lessons/lab3.adoc}; run {@link MlpLabRun#main} to see every step's result.
 */
public class MlpLab {
    /** One layer's parameters: weights {@code w} (inputs × units) and biases {@code b} (units). */
    public record Layer(SharedVariable w, SharedVariable b) {
    }

    /** The network: input images {@code x} (one per row), labels {@code y}, both layers and p(y|x). */
    public record Model(TensorVariable x, TensorVariable y, Layer hidden, Layer output, TensorVariable probabilities) {
    }

    /** Digits held in shared variables: {@code images} (count × 784, floatX) and {@code labels} (int64). */
    public record SharedDigits(SharedVariable images, SharedVariable labels, int count) {
    }

    /** A compiled function of a minibatch index, and how many minibatches there are (indices 0 .. count - 1). */
    public record Minibatches(Function function, int count) {
    }

    /** What training recorded after each epoch: the mean training cost and the train and validation error rates. */
    public record History(double[] costs, double[] trainErrors, double[] validationErrors) {
    }

    /**
     * Step 1: the hidden layer's parameters, shared variables named "h_w" (nIn × nHidden) and "h_b"
     * (nHidden). The weights are Xavier-uniform: with {@code random = new Random(seed)} and
     * bound = sqrt(6 / (nIn + nHidden)), element [i][j], filled row by row, is
     * {@code bound * (2 * random.nextDouble() - 1)}. The biases are zero.
     * Expected: for 784 × 500 every weight lies in ±0.0684 (sqrt(6 / 1284)) and the biases are all 0.
     */
    // tag::step1[]
    public Layer hiddenLayer(int nIn, int nHidden, long seed) {
        throw new NotDoneYet(3, 1, "make the hidden layer's shared h_w (Xavier-uniform, seeded) and zero h_b");
    }
    // end::step1[]

    /**
     * Step 2: the output layer's parameters, shared variables named "o_w" (nHidden × nOut) and "o_b"
     * (nOut), all zero.
     * Expected: a network with these outputs gives every class the probability 1 / nOut.
     */
    // tag::step2[]
    public Layer outputLayer(int nHidden, int nOut) {
        throw new NotDoneYet(3, 2, "make the output layer's shared o_w and o_b, all zero");
    }
    // end::step2[]

    /**
     * Step 3: one layer's forward pass, {@code activation(input·w + b)}, with the input first in
     * {@code T.dot} so that a matrix of inputs (one per row) gives one row of outputs per input.
     * Expected: with {@code T::tanh}, input [[1, 2]], w = [[1, 0], [0, -1]] and b = [0, 1]: [[tanh 1, tanh -1]].
     */
    // tag::step3[]
    public TensorVariable feedForward(UnaryOperator<TensorVariable> activation, TensorVariable w, TensorVariable b,
            TensorVariable input) {
        throw new NotDoneYet(3, 3, "apply the activation to input·w + b");
    }
    // end::step3[]

    /**
     * Step 4: the network of the two layers: a floatX matrix {@code x} named "x", an int64 vector
     * {@code y} named "y", and p(y|x) = softmax(feedForward(tanh, hidden, x)·o_w + o_b), built with
     * step 3 twice ({@code T::tanh}, then {@code T::softmax}).
     * Expected: each row of p sums to 1; with the zero output layer of step 2 every entry is 0.1.
     */
    // tag::step4[]
    public Model model(Layer hidden, Layer output) {
        throw new NotDoneYet(3, 4, "build p(y|x) = softmax(tanh(x·h_w + h_b)·o_w + o_b) with feedForward");
    }
    // end::step4[]

    /**
     * Step 5: the mean negative log-likelihood of the labels {@code y} under the probabilities {@code p}
     * (one row per example): pick each row's entry of its label with advanced indexing,
     * {@code T.log(p).get(T.arange(n), y)} where n is the number of labels, then average and negate.
     * Expected: for the untrained network (all probabilities 0.1) it is log 10 = 2.302585….
     */
    // tag::step5[]
    public TensorVariable negativeLogLikelihood(TensorVariable p, TensorVariable y) {
        throw new NotDoneYet(3, 5, "build the mean negative log-likelihood with log(p)[arange(n), y]");
    }
    // end::step5[]

    /**
     * Step 6: the training cost: the negative log-likelihood of step 5, plus {@code l1Reg} times the
     * sum of |w| and {@code l2Reg} times the sum of w², each over both weight matrices (not the biases).
     * Expected: at initialization, with l1Reg = 0 and l2Reg = 1e-4, log 10 + 1e-4 · Σ h_w².
     */
    // tag::step6[]
    public TensorVariable cost(Model model, double l1Reg, double l2Reg) {
        throw new NotDoneYet(3, 6, "add the L1 and L2 penalties of both weight matrices to the negative log-likelihood");
    }
    // end::step6[]

    /**
     * Step 7: put digits into shared variables, so that training reads them inside the engine instead
     * of passing them at every call: "images" from {@code digits.imagesAsMatrix} in floatX
     * ({@code Gradus.config().floatX()}) and "labels" from {@code digits.labelsAsVector()}.
     * Expected: for the 8000 training digits, images of shape [8000, 784] and labels of shape [8000].
     */
    // tag::step7[]
    public SharedDigits sharedDigits(Digits digits) {
        throw new NotDoneYet(3, 7, "put the images and labels into shared variables");
    }
    // end::step7[]

    /**
     * Step 8: compile one training step of minibatch gradient descent: its only input is an int64
     * scalar {@code index} ({@code T.lscalar("index")}); {@code givens} replace x and y by rows
     * index·batchSize to (index + 1)·batchSize of the shared images and labels; the output is the
     * cost; the updates replace each of h_w, h_b, o_w and o_b by param - lr · ∂cost/∂param. Build it
     * with {@code Gradus.functionBuilder(...).mode(mode)}.
     * Expected: from the initial parameters, the first call on minibatch 0 returns the cost at
     * initialization and changes all four parameters.
     */
    // tag::step8[]
    public Function trainingFunction(Model model, TensorVariable cost, SharedDigits data, int batchSize, double lr,
            Mode mode) {
        throw new NotDoneYet(3, 8, "compile the training step of a minibatch index with givens and four updates");
    }
    // end::step8[]

    /**
     * Step 9: compile the error rate on one minibatch of {@code data}: input {@code index} as in step 8,
     * output the mean of {@code T.neq(y, T.argmax(p, 1))} (the fraction of digits whose most probable
     * class is wrong), no updates.
     * Expected: the untrained network (all probabilities equal, argmax 0) is wrong on every digit but the zeros.
     */
    // tag::step9[]
    public Function evaluateFunction(Model model, SharedDigits data, int batchSize) {
        throw new NotDoneYet(3, 9, "compile the error rate of a minibatch with neq(y, argmax(p))");
    }
    // end::step9[]

    /**
     * Step 10: train for {@code epochs} epochs. In each epoch call the training function on every
     * minibatch index in order, 0 .. train.count() - 1, and record the mean of the costs it returned;
     * after the epoch record the mean error rate over all minibatches of {@code trainError} and of
     * {@code validationError}. Report progress once per epoch with
     * {@code new Progress("epoch", epochs)} and {@code update(epoch, meanCost)}.
     * Expected: the cost falls, and the validation error ends far below the 90% of guessing.
     */
    // tag::step10[]
    public History train(Minibatches train, Minibatches trainError, Minibatches validationError, int epochs) {
        throw new NotDoneYet(3, 10, "train for the epochs and record cost, train error and validation error");
    }
    // end::step10[]

    /**
     * Step 11: the class the network finds most probable for each of {@code digits}: compile a function
     * of the model's x giving {@code T.argmax(p, 1)}, call it on {@code digits.imagesAsMatrix} in floatX,
     * and return the result as Java ints.
     * Expected: after training, mostly the digits' own labels.
     */
    // tag::step11[]
    public int[] predictions(Model model, Digits digits) {
        throw new NotDoneYet(3, 11, "compile argmax(p) of x and return the predicted classes");
    }
    // end::step11[]

    /**
     * Step 12: the confusion matrix of 10 classes: entry [t][p] counts the digits of true class t that
     * were predicted as p.
     * Expected: its entries add up to the number of digits, and its diagonal holds the correct ones.
     */
    // tag::step12[]
    public int[][] confusionMatrix(int[] truth, int[] predicted) {
        throw new NotDoneYet(3, 12, "count true class against predicted class in a 10 × 10 matrix");
    }
    // end::step12[]
}
