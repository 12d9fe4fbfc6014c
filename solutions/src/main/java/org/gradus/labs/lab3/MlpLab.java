package org.gradus.labs.lab3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.gradus.Gradus;
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
        double bound = Math.sqrt(6.0 / (nIn + nHidden));
        Random random = new Random(seed);
        double[][] w = new double[nIn][nHidden];
        for (double[] row : w) {
            for (int j = 0; j < nHidden; j++) {
                row[j] = bound * (2 * random.nextDouble() - 1);
            }
        }
        return new Layer(Gradus.shared(w, "h_w"), Gradus.shared(new double[nHidden], "h_b"));
    }
    // end::step1[]

    /**
     * Step 2: the output layer's parameters, shared variables named "o_w" (nHidden × nOut) and "o_b"
     * (nOut), all zero.
     * Expected: a network with these outputs gives every class the probability 1 / nOut.
     */
    // tag::step2[]
    public Layer outputLayer(int nHidden, int nOut) {
        return new Layer(Gradus.shared(new double[nHidden][nOut], "o_w"), Gradus.shared(new double[nOut], "o_b"));
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
        return activation.apply(T.dot(input, w).add(b));
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
        TensorVariable x = T.matrix("x");
        TensorVariable y = T.lvector("y");
        TensorVariable h = feedForward(T::tanh, hidden.w(), hidden.b(), x);
        TensorVariable p = feedForward(T::softmax, output.w(), output.b(), h);
        return new Model(x, y, hidden, output, p);
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
        return T.log(p).get(T.arange(y.shape(0)), y).mean().neg();
    }
    // end::step5[]

    /**
     * Step 6: the training cost: the negative log-likelihood of step 5, plus {@code l1Reg} times the
     * sum of |w| and {@code l2Reg} times the sum of w², each over both weight matrices (not the biases).
     * Expected: at initialization, with l1Reg = 0 and l2Reg = 1e-4, log 10 + 1e-4 · Σ h_w².
     */
    // tag::step6[]
    public TensorVariable cost(Model model, double l1Reg, double l2Reg) {
        TensorVariable hw = model.hidden().w();
        TensorVariable ow = model.output().w();
        return negativeLogLikelihood(model.probabilities(), model.y())
                .add(l1(l1Reg, hw, ow))
                .add(l2(l2Reg, hw, ow));
    }

    private static TensorVariable l1(double reg, TensorVariable w1, TensorVariable w2) {
        return T.abs(w1).sum().add(T.abs(w2).sum()).mul(reg);
    }

    private static TensorVariable l2(double reg, TensorVariable w1, TensorVariable w2) {
        return T.sqr(w1).sum().add(T.sqr(w2).sum()).mul(reg);
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
        SharedVariable images = Gradus.shared(digits.imagesAsMatrix(Gradus.config().floatX()), "images");
        SharedVariable labels = Gradus.shared(digits.labelsAsVector(), "labels");
        return new SharedDigits(images, labels, digits.count());
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
        TensorVariable index = T.lscalar("index");
        List<SharedVariable> params = List.of(model.hidden().w(), model.hidden().b(), model.output().w(),
                model.output().b());
        List<TensorVariable> grads = T.grad(cost, params);
        Map<SharedVariable, TensorVariable> updates = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            updates.put(params.get(i), params.get(i).sub(grads.get(i).mul(lr)));
        }
        return Gradus.functionBuilder(List.of(index)).outputs(cost).updates(updates)
                .givens(minibatch(model, data, index, batchSize)).mode(mode).build();
    }

    private static Map<TensorVariable, TensorVariable> minibatch(Model model, SharedDigits data, TensorVariable index,
            int batchSize) {
        TensorVariable start = index.mul(batchSize);
        TensorVariable stop = index.add(1).mul(batchSize);
        return Map.of(model.x(), data.images().get(T.slice(start, stop)),
                model.y(), data.labels().get(T.slice(start, stop)));
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
        TensorVariable index = T.lscalar("index");
        TensorVariable errors = T.mean(T.neq(model.y(), T.argmax(model.probabilities(), 1)));
        return Gradus.functionBuilder(List.of(index)).outputs(errors)
                .givens(minibatch(model, data, index, batchSize)).build();
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
        double[] costs = new double[epochs];
        double[] trainErrors = new double[epochs];
        double[] validationErrors = new double[epochs];
        Progress progress = new Progress("epoch", epochs);
        for (int epoch = 0; epoch < epochs; epoch++) {
            costs[epoch] = meanOver(train);
            trainErrors[epoch] = meanOver(trainError);
            validationErrors[epoch] = meanOver(validationError);
            progress.update(epoch + 1, costs[epoch]);
        }
        return new History(costs, trainErrors, validationErrors);
    }

    private static double meanOver(Minibatches batches) {
        double sum = 0;
        for (int i = 0; i < batches.count(); i++) {
            sum += batches.function().call((long) i).doubleValue();
        }
        return sum / batches.count();
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
        Function predict = Gradus.function(List.of(model.x()), T.argmax(model.probabilities(), 1));
        return predict.call(digits.imagesAsMatrix(Gradus.config().floatX())).toIntArray();
    }
    // end::step11[]

    /**
     * Step 12: the confusion matrix of 10 classes: entry [t][p] counts the digits of true class t that
     * were predicted as p.
     * Expected: its entries add up to the number of digits, and its diagonal holds the correct ones.
     */
    // tag::step12[]
    public int[][] confusionMatrix(int[] truth, int[] predicted) {
        int[][] counts = new int[10][10];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
        return counts;
    }
    // end::step12[]
}
