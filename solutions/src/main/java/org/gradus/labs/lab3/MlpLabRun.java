package org.gradus.labs.lab3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.lab.ConfusionMatrixPicture;
import org.gradus.lab.GraphRenderer;
import org.gradus.lab.ImageGrid;
import org.gradus.lab.LabMode;
import org.gradus.lab.NotDoneYet;
import org.gradus.lab.Plots;
import org.gradus.lab.ReproducibilityCard;
import org.gradus.lab.StepRunner;
import org.gradus.lab.mnist.Digits;
import org.gradus.lab.mnist.Mnist;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.labs.lab3.MlpLab.History;
import org.gradus.labs.lab3.MlpLab.Layer;
import org.gradus.labs.lab3.MlpLab.Minibatches;
import org.gradus.labs.lab3.MlpLab.Model;
import org.gradus.labs.lab3.MlpLab.SharedDigits;

/**
 * Runs Lab 3's steps in order ({@code full} by default, {@code quick} as argument or with
 * {@code -Dgradus.lab.mode=quick}) and writes the figures, graphs and the reproducibility card
 * {@code card-<mode>-<floatX>.json} to {@code target/figures/lab3}.
 */
public final class MlpLabRun {
    private MlpLabRun() {
    }

    public static void main(String... args) {
        MlpSettings s = MlpSettings.of(LabMode.from(args));
        String floatX = Gradus.config().floatX().numpyName();
        MlpLab lab = new MlpLab();
        StepRunner run = new StepRunner(3, "The multilayer perceptron (" + s.mode().label() + " run, floatX " + floatX + ")");
        Mnist.Split data = s.data();
        Model[] trained = new Model[1];
        run.step(1, "the hidden layer, Xavier-initialized", () -> {
            Layer h = lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED);
            NDArray w = h.w().getValue();
            double[] values = w.toDoubleArray();
            return "h_w: " + w.dtype().numpyName() + " " + java.util.Arrays.toString(w.shape()) + ", bound ±"
                    + Math.sqrt(6.0 / (784 + s.hidden())) + ", min " + min(values) + ", max " + max(values)
                    + "\nh_w[0][0..2] = " + values[0] + ", " + values[1] + ", " + values[2]
                    + "\nh_b: " + java.util.Arrays.toString(h.b().getValue().shape()) + ", all zero: "
                    + (min(h.b().getValue().toDoubleArray()) == 0 && max(h.b().getValue().toDoubleArray()) == 0);
        });
        run.step(2, "the output layer, zero", () -> {
            Layer o = lab.outputLayer(s.hidden(), 10);
            return "o_w: " + java.util.Arrays.toString(o.w().getValue().shape()) + ", o_b: "
                    + java.util.Arrays.toString(o.b().getValue().shape()) + ", largest |value| "
                    + Math.max(max(abs(o.w().getValue().toDoubleArray())), max(abs(o.b().getValue().toDoubleArray())));
        });
        run.step(3, "feedForward", () -> {
            TensorVariable x = T.matrix("x");
            TensorVariable w = T.matrix("w");
            TensorVariable b = T.vector("b");
            TensorVariable layer = lab.feedForward(T::tanh, w, b, x);
            NDArray out = Gradus.function(java.util.List.of(x, w, b), layer)
                    .call(new double[][] {{1, 2}}, new double[][] {{1, 0}, {0, -1}}, new double[] {0, 1});
            return "tanh([[1, 2]]·[[1, 0], [0, -1]] + [0, 1]) = " + out + "\n" + run.graph("feed-forward", layer);
        });
        run.step(4, "the network p(y|x)", () -> {
            Model m = lab.model(lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED), lab.outputLayer(s.hidden(), 10));
            NDArray p = Gradus.function(java.util.List.of(m.x()), m.probabilities())
                    .call(firstImages(data.test(), 2));
            return "p(y|x) of the first two test digits, untrained:\n" + p + "\n" + run.graph("model", m.probabilities());
        });
        run.step(5, "the negative log-likelihood", () -> {
            Model m = lab.model(lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED), lab.outputLayer(s.hidden(), 10));
            TensorVariable nll = lab.negativeLogLikelihood(m.probabilities(), m.y());
            double value = Gradus.function(java.util.List.of(m.x(), m.y()), nll)
                    .call(firstImages(data.train(), s.batchSize()), firstLabels(data.train(), s.batchSize())).doubleValue();
            return "NLL of the first " + s.batchSize() + " training digits, untrained: " + value + " (log 10 = "
                    + Math.log(10) + ")";
        });
        run.step(6, "the regularized cost", () -> {
            Model m = lab.model(lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED), lab.outputLayer(s.hidden(), 10));
            TensorVariable cost = lab.cost(m, s.l1(), s.l2());
            double value = Gradus.function(java.util.List.of(m.x(), m.y()), cost)
                    .call(firstImages(data.train(), s.batchSize()), firstLabels(data.train(), s.batchSize())).doubleValue();
            return "cost (L1 " + s.l1() + ", L2 " + s.l2() + ") of the first minibatch, untrained: " + value + "\n"
                    + run.graph("cost", cost);
        });
        run.step(7, "the digits in shared variables", () -> {
            SharedDigits train = lab.sharedDigits(data.train());
            return "images " + describe(train.images().getValue()) + ", labels " + describe(train.labels().getValue());
        });
        run.step(8, "the training function, as written and optimized", () -> {
            Model m = lab.model(lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED), lab.outputLayer(s.hidden(), 10));
            TensorVariable cost = lab.cost(m, s.l1(), s.l2());
            SharedDigits train = lab.sharedDigits(data.train());
            Function asWritten = lab.trainingFunction(m, cost, train, s.batchSize(), s.learningRate(), Mode.NONE);
            Function optimized = lab.trainingFunction(m, cost, train, s.batchSize(), s.learningRate(), Mode.FAST_RUN);
            double first = optimized.call(0L).doubleValue();
            return "nodes: as written " + asWritten.nodes().size() + ", optimized " + optimized.nodes().size()
                    + "\nupdated: " + optimized.updates().keySet().stream().map(v -> v.name()).toList()
                    + "\nfirst call on minibatch 0: cost " + first
                    + "\n" + render(run, "train-as-written", asWritten) + "\n" + render(run, "train-optimized", optimized);
        });
        run.step(9, "the error rate", () -> {
            Model m = lab.model(lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED), lab.outputLayer(s.hidden(), 10));
            Function evaluate = lab.evaluateFunction(m, lab.sharedDigits(data.validation()), MlpSettings.EVALUATION_BATCH);
            return "validation error of the untrained network, minibatch 0: " + evaluate.call(0L) + "\n"
                    + Printing.debugprint(evaluate);
        });
        run.step(10, "training", () -> {
            long start = System.nanoTime();
            Model m = lab.model(lab.hiddenLayer(784, s.hidden(), MlpSettings.INIT_SEED), lab.outputLayer(s.hidden(), 10));
            SharedDigits train = lab.sharedDigits(data.train());
            SharedDigits validation = lab.sharedDigits(data.validation());
            SharedDigits test = lab.sharedDigits(data.test());
            Function step = lab.trainingFunction(m, lab.cost(m, s.l1(), s.l2()), train, s.batchSize(),
                    s.learningRate(), Mode.FAST_RUN);
            History h = lab.train(new Minibatches(step, s.trainSize() / s.batchSize()), evaluation(lab, m, train),
                    evaluation(lab, m, validation), s.epochs());
            double seconds = (System.nanoTime() - start) / 1e9;
            double testError = mean(evaluation(lab, m, test));
            trained[0] = m;
            ReproducibilityCard card = card(s, floatX, h, testError, seconds);
            card.write(run.figures().directory(), "card-" + s.mode().label() + "-" + floatX,
                    "lab3-" + s.mode().label() + "-" + floatX);
            return table(h) + String.format("test error %.4f; %.1f s in all (%.0f training examples per second)%n",
                    testError, seconds, (double) s.trainSize() * s.epochs() / seconds)
                    + run.figure("cost-per-epoch", Plots.lines("Training cost per epoch", "epoch", "cost",
                            epochs(s.epochs()), Map.of("mean training cost", h.costs())))
                    + "\n" + run.figure("error-per-epoch", Plots.lines("Error rate per epoch", "epoch", "error rate",
                            epochs(s.epochs()), errorCurves(h)));
        });
        run.step(11, "what the network gets wrong", () -> {
            Model m = trainedModel(trained);
            int[] predicted = lab.predictions(m, data.test());
            ImageGrid grid = new ImageGrid("Misclassified test digits (true → predicted)", 28, 28, 10);
            for (int i = 0; i < predicted.length && grid.size() < 40; i++) {
                if (predicted[i] != data.test().labels()[i]) {
                    grid.add(data.test().image(i), data.test().labels()[i] + " → " + predicted[i]);
                }
            }
            long wrong = java.util.stream.IntStream.range(0, predicted.length)
                    .filter(i -> predicted[i] != data.test().labels()[i]).count();
            return wrong + " of " + predicted.length + " test digits misclassified\n"
                    + grid.picture().show(run.figures(), "misclassified");
        });
        run.step(12, "the confusion matrix", () -> {
            Model m = trainedModel(trained);
            int[][] counts = lab.confusionMatrix(data.test().labels(), lab.predictions(m, data.test()));
            StringBuilder text = new StringBuilder("true \\ predicted\n");
            for (int t = 0; t < counts.length; t++) {
                text.append(t).append(":");
                for (int c : counts[t]) {
                    text.append(String.format("%5d", c));
                }
                text.append('\n');
            }
            return text + ConfusionMatrixPicture.of("Confusion matrix on the test digits", counts)
                    .show(run.figures(), "confusion-matrix");
        });
        run.printSummary();
    }

    private static Model trainedModel(Model[] trained) {
        if (trained[0] == null) {
            throw new NotDoneYet(3, 10, "train the network first");
        }
        return trained[0];
    }

    private static Minibatches evaluation(MlpLab lab, Model m, SharedDigits data) {
        return new Minibatches(lab.evaluateFunction(m, data, MlpSettings.EVALUATION_BATCH),
                data.count() / MlpSettings.EVALUATION_BATCH);
    }

    private static double mean(Minibatches batches) {
        double sum = 0;
        for (int i = 0; i < batches.count(); i++) {
            sum += batches.function().call((long) i).doubleValue();
        }
        return sum / batches.count();
    }

    private static ReproducibilityCard card(MlpSettings s, String floatX, History h, double testError, double seconds) {
        int last = s.epochs() - 1;
        return new ReproducibilityCard().put("lab", 3).put("mode", s.mode().label()).put("floatX", floatX)
                .put("splitSeed", MlpSettings.SPLIT_SEED).put("initSeed", MlpSettings.INIT_SEED)
                .put("trainSize", s.trainSize()).put("validationSize", s.validationSize()).put("testSize", s.testSize())
                .put("hidden", s.hidden()).put("batchSize", s.batchSize()).put("learningRate", s.learningRate())
                .put("l1", s.l1()).put("l2", s.l2()).put("epochs", s.epochs())
                .put("costs", h.costs()).put("trainErrors", h.trainErrors()).put("validationErrors", h.validationErrors())
                .put("finalCost", h.costs()[last]).put("finalTrainError", h.trainErrors()[last])
                .put("finalValidationError", h.validationErrors()[last]).put("testError", testError)
                .put("costTolerance", 0.05).put("errorTolerance", 0.02)
                .put("seconds", Math.round(seconds * 10) / 10.0);
    }

    private static String table(History h) {
        StringBuilder text = new StringBuilder("epoch    cost   train error   validation error\n");
        for (int e = 0; e < h.costs().length; e++) {
            text.append(String.format("%5d  %.4f       %.4f            %.4f%n", e + 1, h.costs()[e], h.trainErrors()[e],
                    h.validationErrors()[e]));
        }
        return text.toString();
    }

    private static Map<String, double[]> errorCurves(History h) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("training set", h.trainErrors());
        curves.put("validation set", h.validationErrors());
        return curves;
    }

    private static String render(StepRunner run, String name, Function f) {
        return new GraphRenderer().render(Printing.toDot(f), run.figures().directory(), "graph-" + name).describe();
    }

    private static NDArray firstImages(Digits digits, int n) {
        return digits.subset(java.util.stream.IntStream.range(0, n).toArray()).imagesAsMatrix(Gradus.config().floatX());
    }

    private static NDArray firstLabels(Digits digits, int n) {
        return digits.subset(java.util.stream.IntStream.range(0, n).toArray()).labelsAsVector();
    }

    private static String describe(NDArray a) {
        return a.dtype().numpyName() + " " + java.util.Arrays.toString(a.shape());
    }

    private static double[] epochs(int n) {
        return Plots.linspace(1, n, n);
    }

    private static double[] abs(double[] v) {
        return java.util.Arrays.stream(v).map(Math::abs).toArray();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }
}
