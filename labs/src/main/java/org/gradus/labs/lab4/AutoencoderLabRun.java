package org.gradus.labs.lab4;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.lab.GraphRenderer;
import org.gradus.lab.ImageGrid;
import org.gradus.lab.LabMode;
import org.gradus.lab.NotDoneYet;
import org.gradus.lab.Plots;
import org.gradus.lab.ReproducibilityCard;
import org.gradus.lab.StepRunner;
import org.gradus.lab.mnist.Digits;
import org.gradus.labs.lab4.AutoencoderLab.Autoencoder;
import org.gradus.ops.random.RandomStreams;
import org.gradus.printing.Printing;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;

/**
 * Runs Lab 4's steps in order ({@code full} by default, {@code quick} as argument or with
 * {@code -Dgradus.lab.mode=quick}) and writes the figures, the graph and the reproducibility card
 * {@code card-<mode>-<floatX>.json} to {@code target/figures/lab4}.
 */
public final class AutoencoderLabRun {
    private AutoencoderLabRun() {
    }

    public static void main(String... args) {
        DaeSettings s = DaeSettings.of(LabMode.from(args));
        String floatX = Gradus.config().floatX().numpyName();
        AutoencoderLab lab = new AutoencoderLab();
        StepRunner run = new StepRunner(4, "The denoising autoencoder (" + s.mode().label() + " run, floatX " + floatX + ")");
        Digits train = s.train();
        Digits test = s.test();
        Autoencoder[] trained = new Autoencoder[DaeSettings.LEVELS.length];
        run.step(1, "tied weights and two biases", () -> {
            Autoencoder a = lab.autoencoder(784, s.hidden(), DaeSettings.INIT_SEED);
            double[] w = a.w().getValue().toDoubleArray();
            return "W: " + Arrays.toString(a.w().getValue().shape()) + ", bound ±" + 4 * Math.sqrt(6.0 / (784 + s.hidden()))
                    + ", min " + Arrays.stream(w).min().orElse(0) + ", max " + Arrays.stream(w).max().orElse(0)
                    + "\nb: " + Arrays.toString(a.b().getValue().shape()) + ", b_prime: "
                    + Arrays.toString(a.bPrime().getValue().shape());
        });
        run.step(2, "corruption", () -> {
            TensorVariable x = T.matrix("x");
            Function corrupt = Gradus.function(List.of(x), lab.corrupt(new RandomStreams(DaeSettings.NOISE_SEED), x, 0.3));
            NDArray images = firstImages(test, 100);
            double kept = ink(corrupt.call(images)) / ink(images);
            return "at level 0.3 the corrupted digits keep " + String.format("%.4f", kept) + " of their ink"
                    + "\n" + run.graph("corrupt", corrupt);
        });
        run.step(3, "the hidden representation", () -> {
            Autoencoder a = lab.autoencoder(784, s.hidden(), DaeSettings.INIT_SEED);
            TensorVariable x = T.matrix("x");
            NDArray y = Gradus.function(List.of(x), lab.hiddenValues(x, a)).call(firstImages(test, 2));
            return "hidden values of two test digits: shape " + Arrays.toString(y.shape()) + ", mean "
                    + Arrays.stream(y.toDoubleArray()).average().orElse(0);
        });
        run.step(4, "the reconstruction", () -> {
            Autoencoder a = lab.autoencoder(784, s.hidden(), DaeSettings.INIT_SEED);
            TensorVariable x = T.matrix("x");
            TensorVariable z = lab.reconstruct(lab.hiddenValues(x, a), a);
            return "reconstruction of two test digits, untrained: shape "
                    + Arrays.toString(Gradus.function(List.of(x), z).call(firstImages(test, 2)).shape())
                    + "\n" + run.graph("reconstruction", z);
        });
        run.step(5, "the cross-entropy cost", () -> {
            Autoencoder a = lab.autoencoder(784, s.hidden(), DaeSettings.INIT_SEED);
            TensorVariable x = T.matrix("x");
            TensorVariable cost = lab.cost(x, lab.reconstruct(lab.hiddenValues(x, a), a));
            return "cost of the first " + s.batchSize() + " training digits, untrained: "
                    + Gradus.function(List.of(x), cost).call(firstImages(train, s.batchSize()));
        });
        run.step(6, "the training function", () -> {
            Autoencoder a = lab.autoencoder(784, s.hidden(), DaeSettings.INIT_SEED);
            SharedVariable images = Gradus.shared(train.imagesAsMatrix(Gradus.config().floatX()), "images");
            Function f = lab.trainingFunction(a, new RandomStreams(DaeSettings.NOISE_SEED), images, 0.3,
                    s.learningRate(), s.batchSize());
            return "updates: " + f.updates().keySet().stream().map(v -> v.name()).toList() + "\nnodes: "
                    + f.nodes().size() + "; first call on minibatch 0: cost " + f.call(0L) + "\n"
                    + new GraphRenderer().render(Printing.toDot(f), run.figures().directory(), "graph-train").describe();
        });
        run.step(7, "training at 0% and 30% corruption", () -> {
            long start = System.nanoTime();
            SharedVariable images = Gradus.shared(train.imagesAsMatrix(Gradus.config().floatX()), "images");
            double[][] costs = new double[DaeSettings.LEVELS.length][];
            for (int k = 0; k < costs.length; k++) {
                trained[k] = lab.autoencoder(784, s.hidden(), DaeSettings.INIT_SEED);
                Function f = lab.trainingFunction(trained[k], new RandomStreams(DaeSettings.NOISE_SEED), images,
                        DaeSettings.LEVELS[k], s.learningRate(), s.batchSize());
                costs[k] = lab.train(f, s.trainSize() / s.batchSize(), s.epochs());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ReproducibilityCard card = card(s, floatX, costs, trained, test, seconds);
            card.write(run.figures().directory(), "card-" + s.mode().label() + "-" + floatX,
                    "lab4-" + s.mode().label() + "-" + floatX);
            Map<String, double[]> curves = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < costs.length; k++) {
                curves.put(percent(DaeSettings.LEVELS[k]) + " corruption", costs[k]);
                text.append(percent(DaeSettings.LEVELS[k])).append(" corruption, mean cost per epoch: ")
                        .append(Arrays.toString(round(costs[k]))).append('\n');
            }
            return text + String.format("%.1f s for both%n", seconds) + run.figure("cost-per-epoch",
                    Plots.lines("Reconstruction cost per epoch", "epoch", "cost", Plots.linspace(1, s.epochs(), s.epochs()),
                            curves));
        });
        run.step(8, "the learned filters", () -> {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < trained.length; k++) {
                double[][] filters = lab.filters(trainedAutoencoder(trained, k), 100);
                ImageGrid grid = new ImageGrid("Filters of the first 100 hidden units, " + percent(DaeSettings.LEVELS[k])
                        + " corruption", 28, 28, 10).scaleEachTile(true).scale(2);
                for (double[] filter : filters) {
                    grid.add(filter, null);
                }
                text.append(percent(DaeSettings.LEVELS[k])).append(" corruption: neighbour correlation of the filters ")
                        .append(String.format("%.3f", smoothness(filters))).append('\n')
                        .append(grid.picture().show(run.figures(), "filters-corruption-"
                                + Math.round(100 * DaeSettings.LEVELS[k]))).append('\n');
            }
            return text.toString().strip();
        });
        run.step(9, "reconstructions of corrupted test digits", () -> {
            Autoencoder a = trainedAutoencoder(trained, trained.length - 1);
            double level = DaeSettings.LEVELS[trained.length - 1];
            List<NDArray> out = lab.reconstructionFunction(a, new RandomStreams(DaeSettings.NOISE_SEED), level)
                    .callAll(firstImages(test, 10));
            ImageGrid grid = new ImageGrid("Test digits: original, corrupted (" + percent(level) + "), reconstructed",
                    28, 28, 10);
            NDArray originals = firstImages(test, 10);
            for (NDArray rows : List.of(originals, out.get(0), out.get(1))) {
                double[][] m = rows.toDoubleMatrix();
                for (double[] image : m) {
                    grid.add(image, null);
                }
            }
            return grid.picture().show(run.figures(), "reconstructions");
        });
        run.printSummary();
    }

    private static Autoencoder trainedAutoencoder(Autoencoder[] trained, int k) {
        if (trained[k] == null) {
            throw new NotDoneYet(4, 7, "train the autoencoders first");
        }
        return trained[k];
    }

    private static ReproducibilityCard card(DaeSettings s, String floatX, double[][] costs, Autoencoder[] trained,
            Digits test, double seconds) {
        ReproducibilityCard card = new ReproducibilityCard().put("lab", 4).put("mode", s.mode().label())
                .put("floatX", floatX).put("splitSeed", DaeSettings.SPLIT_SEED).put("initSeed", DaeSettings.INIT_SEED)
                .put("noiseSeed", DaeSettings.NOISE_SEED).put("trainSize", s.trainSize()).put("testSize", s.testSize())
                .put("hidden", s.hidden()).put("batchSize", s.batchSize()).put("learningRate", s.learningRate())
                .put("epochs", s.epochs());
        AutoencoderLab lab = new AutoencoderLab();
        for (int k = 0; k < costs.length; k++) {
            String level = Long.toString(Math.round(100 * DaeSettings.LEVELS[k]));
            TensorVariable x = T.matrix("x");
            double testCost = Gradus.function(List.of(x), lab.cost(x, lab.reconstruct(lab.hiddenValues(x, trained[k]),
                    trained[k]))).call(firstImages(test, test.count())).doubleValue();
            card.put("costs" + level, costs[k]).put("finalCost" + level, costs[k][costs[k].length - 1])
                    .put("testCost" + level, testCost)
                    .put("filterSmoothness" + level, smoothness(lab.filters(trained[k], 100)));
        }
        return card.put("costTolerance", 0.05).put("seconds", Math.round(seconds * 10) / 10.0);
    }

    /**
     * How smooth the filters are: the correlation between the weights of horizontally and vertically
     * neighbouring pixels, over all filters (about 0 for random weights, near 1 for stroke-like filters).
     */
    static double smoothness(double[][] filters) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        long n = 0;
        for (double[] f : filters) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    for (int[] d : new int[][] {{0, 1}, {1, 0}}) {
                        if (r + d[0] < 28 && c + d[1] < 28) {
                            double a = f[r * 28 + c];
                            double b = f[(r + d[0]) * 28 + c + d[1]];
                            sa += a;
                            sb += b;
                            saa += a * a;
                            sbb += b * b;
                            sab += a * b;
                            n++;
                        }
                    }
                }
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }

    private static double ink(NDArray images) {
        return Arrays.stream(images.toDoubleArray()).sum();
    }

    private static NDArray firstImages(Digits digits, int n) {
        return digits.subset(IntStream.range(0, n).toArray()).imagesAsMatrix(Gradus.config().floatX());
    }

    private static String percent(double level) {
        return Math.round(100 * level) + "%";
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray();
    }
}
