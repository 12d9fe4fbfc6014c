package org.gradus.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gradus.labs.lab1.LogisticLab;
import org.gradus.lab.ReproducibilityCard;
import org.gradus.labs.lab2.NeuronLab;
import org.gradus.labs.lab3.MlpLabRun;
import org.gradus.labs.lab4.AutoencoderLabRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reference run: each lab's {@code main} runs headless, every step succeeds, and every figure
 * and graph the lessons show is written as a non-blank PNG and an SVG under {@code target/figures}.
 */
class LabFiguresTest {
    private static final Path FIGURES = Path.of("target", "figures");

    @Test
    @DisplayName("Lab 1's main runs every step and writes its chart and graphs")
    void lab1() throws IOException {
        String output = runQuietly(LogisticLab::main);
        assertThat(output).contains("Lab 1: 9 of 9 steps ran").doesNotContain("FAILED", "not rendered");
        checkFigures("lab1", List.of("logistic-and-gradient", "graph-square", "graph-y", "graph-S",
                "graph-logistic-matrix", "graph-g", "graph-gS", "graph-stability-none", "graph-stability-optimized"));
    }

    @Test
    @DisplayName("Lab 2's main runs every step and writes its charts and graphs")
    void lab2() throws IOException {
        String output = runQuietly(NeuronLab::main);
        assertThat(output).contains("Lab 2: 9 of 9 steps ran").doesNotContain("FAILED", "not rendered");
        checkFigures("lab2", List.of("cost-curve", "decision-boundary", "graph-neuron-expression", "graph-neuron",
                "graph-shared-neuron", "graph-cost", "graph-gradient", "graph-train"));
    }

    @Test
    @DisplayName("Lab 3's quick run runs every step, writes its charts, pictures and graphs, and agrees with its card")
    void lab3Quick() throws IOException {
        String output = runQuietly(() -> MlpLabRun.main("quick"));
        assertThat(output).contains("Lab 3: 12 of 12 steps ran").doesNotContain("FAILED", "not rendered");
        checkFigures("lab3", List.of("cost-per-epoch", "error-per-epoch", "misclassified", "confusion-matrix",
                "graph-feed-forward", "graph-model", "graph-cost", "graph-train-as-written", "graph-train-optimized"));
        checkCard(3, List.of("finalCost"), List.of("finalTrainError", "finalValidationError", "testError"));
    }

    @Test
    @DisplayName("Lab 4's quick run runs every step, writes its charts, filters, reconstructions and graphs, and agrees with its card")
    void lab4Quick() throws IOException {
        String output = runQuietly(() -> AutoencoderLabRun.main("quick"));
        assertThat(output).contains("Lab 4: 9 of 9 steps ran").doesNotContain("FAILED", "not rendered");
        checkFigures("lab4", List.of("cost-per-epoch", "filters-corruption-0", "filters-corruption-30", "reconstructions",
                "graph-corrupt", "graph-reconstruction", "graph-train"));
        checkCard(4, List.of("finalCost0", "finalCost30", "testCost0", "testCost30"), List.of());
    }

    /** The fresh quick run's card against the committed one: costs within the relative, errors within the absolute tolerance. */
    private static void checkCard(int lab, List<String> costs, List<String> errors) throws IOException {
        String name = "card-quick-float64";
        Map<String, Object> fresh = ReproducibilityCard.parse(Files.readString(FIGURES.resolve("lab" + lab).resolve(name + ".json")));
        Map<String, Object> committed;
        try (var in = LabFiguresTest.class.getResourceAsStream("/org/gradus/lab/cards/lab" + lab + "-quick-float64.json")) {
            assertThat(in).as("committed card of lab %d", lab).isNotNull();
            committed = ReproducibilityCard.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        double costBand = (Double) committed.get("costTolerance");
        for (String key : costs) {
            double expected = (Double) committed.get(key);
            assertThat((Double) fresh.get(key)).as("%s of lab %d", key, lab).isCloseTo(expected, within(costBand * expected));
        }
        for (String key : errors) {
            assertThat((Double) fresh.get(key)).as("%s of lab %d", key, lab)
                    .isCloseTo((Double) committed.get(key), within((Double) committed.get("errorTolerance")));
        }
    }

    /** Runs a lab's main with standard output captured (tests do not print) and returns what it printed. */
    private static String runQuietly(Runnable main) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void checkFigures(String lab, List<String> names) throws IOException {
        for (String name : names) {
            Path png = FIGURES.resolve(lab).resolve(name + ".png");
            Path svg = FIGURES.resolve(lab).resolve(name + ".svg");
            assertThat(png).as("PNG of %s/%s", lab, name).isRegularFile();
            assertThat(svg).as("SVG of %s/%s", lab, name).isRegularFile();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("%s is a readable PNG", png).isNotNull();
            assertThat(image.getWidth()).as("width of %s", png).isGreaterThanOrEqualTo(100);
            assertThat(image.getHeight()).as("height of %s", png).isGreaterThanOrEqualTo(100);
            assertThat(inkFraction(image)).as("fraction of non-white pixels in %s", png).isBetween(0.005, 0.9);
            String svgText = Files.readString(svg);
            assertThat(svgText).as("%s is an SVG drawing", svg).contains("<svg");
            assertThat(svgText.length()).as("length of %s", svg).isGreaterThan(1000);
        }
    }

    /** The fraction of pixels that are visibly darker than white (transparent pixels count as white). */
    private static double inkFraction(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int alpha = argb >>> 24;
                int brightness = ((argb >> 16 & 0xff) + (argb >> 8 & 0xff) + (argb & 0xff)) / 3;
                if (alpha > 128 && brightness < 200) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }
}
