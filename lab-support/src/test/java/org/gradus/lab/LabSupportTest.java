package org.gradus.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class LabSupportTest {
    @TempDir
    Path folder;

    @Test
    void linspaceIncludesBothEnds() {
        assertThat(Plots.linspace(-6, 6, 121)).hasSize(121).startsWith(-6.0).endsWith(6.0);
        assertThat(Plots.linspace(-6, 6, 121)[60]).isCloseTo(0, within(1e-12));
    }

    @Test
    void progressPrintsQuartersWhenNotOnATerminal() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Progress progress = new Progress("training", 8, new PrintStream(buffer, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 8; i++) {
            progress.update(i, 1.0 / i);
        }
        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[4]).isEqualTo("training [####################] 8/8  cost 0.12500");
    }

    @Test
    void twoClassDataIsSeededBalancedAndSeparable() {
        TwoClassData a = TwoClassData.generate(2016, 50);
        TwoClassData b = TwoClassData.generate(2016, 50);
        assertThat(a.size()).isEqualTo(100);
        assertThat(a.points()).isDeepEqualTo(b.points());
        assertThat(java.util.Arrays.stream(a.labels()).sum()).isEqualTo(50);
        // the line through the middle of the two centres separates the clouds well
        assertThat(a.accuracy(2.5, 2, 0.5)).isGreaterThan(0.95);
        assertThat(a.accuracy(-2.5, -2, -0.5)).isLessThan(0.05);
    }

    @Test
    void boundaryIsWhereTheNeuronSaysOneHalf() {
        Boundary line = new Boundary("epoch 0", 2, -4, 1);
        assertThat(line.x2At(1.5)).isCloseTo(1.0, within(1e-12));
        assertThat(new Boundary("vertical", 1, 0, 1).x2At(0)).isNaN();
    }

    @Test
    void figuresAreWrittenAsPngAndSvg() {
        XYChart chart = Plots.lines("t", "x", "y", new double[] {0, 1, 2}, Map.of("y", new double[] {0, 1, 4}));
        List<Path> files = new Figures(folder).save(chart, "curve");
        assertThat(files).containsExactly(folder.resolve("curve.png"), folder.resolve("curve.svg"));
        assertThat(files).allSatisfy(f -> assertThat(f).isNotEmptyFile());
        XYChart scatter = Plots.decisionBoundaries("b", TwoClassData.generate(1, 5),
                List.of(new Boundary("flat", 0, 1, 0), new Boundary("vertical", 1, 0, 0)));
        assertThat(scatter.getSeriesMap()).containsOnlyKeys("class 0", "class 1", "flat", "vertical");
    }
}
