package org.gradus.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepRunnerTest {
    @TempDir
    Path figures;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private StepRunner runner() {
        return new StepRunner(3, "a test lab", new PrintStream(buffer, true, StandardCharsets.UTF_8), new Figures(figures));
    }

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void notDoneYetNamesLabStepTaskAndLesson() {
        NotDoneYet e = new NotDoneYet(1, 3, "build the gradient of S with T.grad");
        assertThat(e.getMessage()).isEqualTo("Lab 1, step 3: build the gradient of S with T.grad — see lessons/lab1.adoc"
                + " (built: target/handouts/student/lessons/lab1.html)");
        assertThat(e.lab()).isEqualTo(1);
        assertThat(e.step()).isEqualTo(3);
    }

    @Test
    void reportsEachOutcomeAndGoesOn() {
        StepRunner run = runner();
        assertThat(run.step(1, "done", () -> "f(2) = 4.0")).isEqualTo(StepRunner.Outcome.DONE);
        assertThat(run.step(2, "skeleton", () -> {
            throw new NotDoneYet(3, 2, "write step two");
        })).isEqualTo(StepRunner.Outcome.NOT_DONE);
        assertThat(run.step(3, "uses step 2", () -> {
            throw new NotDoneYet(3, 2, "write step two");
        })).isEqualTo(StepRunner.Outcome.WAITS_FOR_EARLIER_STEP);
        assertThat(run.step(4, "broken", () -> {
            throw new IllegalStateException("shape mismatch");
        })).isEqualTo(StepRunner.Outcome.FAILED);
        run.printSummary();
        assertThat(printed()).contains("== Step 1: done\nf(2) = 4.0")
                .contains("not done yet: Lab 3, step 2: write step two — see lessons/lab3.adoc (built: target/handouts/student/lessons/lab3.html)")
                .contains("waits for an earlier step: Lab 3, step 2")
                .contains("FAILED: java.lang.IllegalStateException: shape mismatch")
                .contains("Lab 3: 1 of 4 steps ran");
        assertThat(run.outcomes()).hasSize(4);
    }

    @Test
    void anEndlessStepIsStoppedAfterTheTimeLimitAndTheLabGoesOn() {
        String before = System.getProperty(StepRunner.TIMEOUT_PROPERTY);
        System.setProperty(StepRunner.TIMEOUT_PROPERTY, "1");
        try {
            StepRunner run = runner();
            assertThat(run.step(1, "endless", () -> {
                while (true) {
                    Thread.onSpinWait();
                }
            })).isEqualTo(StepRunner.Outcome.TIMED_OUT);
            assertThat(run.step(2, "next", () -> "ran")).isEqualTo(StepRunner.Outcome.DONE);
            assertThat(printed()).contains("step 1 did not finish within 1 s").contains("-Dgradus.step.timeout=SECONDS")
                    .contains("== Step 2: next\nran");
        } finally {
            if (before == null) {
                System.clearProperty(StepRunner.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(StepRunner.TIMEOUT_PROPERTY, before);
            }
        }
    }

    @Test
    void progressUpdatesKeepALongStepAlive() {
        String before = System.getProperty(StepRunner.TIMEOUT_PROPERTY);
        System.setProperty(StepRunner.TIMEOUT_PROPERTY, "1");
        try {
            StepRunner run = runner();
            Progress progress = new Progress("epoch", 6, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), false);
            assertThat(run.step(1, "training", () -> {
                for (int epoch = 1; epoch <= 6; epoch++) {
                    Thread.sleep(400);
                    progress.update(epoch, 1.0 / epoch);
                }
                return "trained";
            })).isEqualTo(StepRunner.Outcome.DONE);
        } finally {
            if (before == null) {
                System.clearProperty(StepRunner.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(StepRunner.TIMEOUT_PROPERTY, before);
            }
        }
    }

    @Test
    void theProjectRootIsTheFolderOfTheParentPom() {
        Path root = Figures.projectRoot(Path.of("").toAbsolutePath());
        assertThat(root).isNotNull();
        assertThat(root.resolve("labs/pom.xml")).isRegularFile();
        assertThat(Figures.projectRoot(root.resolve("lab-support/src"))).isEqualTo(root);
    }

    @Test
    void rendersAGraphOrSaysWhyNot() {
        String dot = "digraph g { a -> b; }";
        RenderedGraph picture = new GraphRenderer().render(dot, figures, "tiny");
        assertThat(picture.dot()).hasContent(dot);
        if (picture.rendered()) {
            assertThat(picture.svg()).isRegularFile();
            assertThat(picture.png()).isRegularFile();
            assertThat(picture.describe()).startsWith("graph: ");
        } else {
            assertThat(picture.problem()).contains("cannot render graphs").contains("tiny.dot");
        }
    }
}
