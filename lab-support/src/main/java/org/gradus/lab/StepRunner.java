package org.gradus.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.compile.Function;
import org.gradus.printing.Printing;
import org.gradus.tensor.TensorVariable;
import org.knowm.xchart.XYChart;

/**
 * Runs the steps of a lab in order, the way a lab's {@code main} does: it prints each step's title
 * and result (and writes the result of a done step to {@code step-N.txt} beside the figures, for the
 * lessons to include), renders the graphs and figures the step asks for, and goes on when a step is not done
 * yet. A step that calls an earlier step that is not done is reported as waiting for that step.
 *
 * <pre>{@code
 * StepRunner run = new StepRunner(1, "The logistic function");
 * run.step(1, "x squared", () -> "f(2) = " + lab.squareFunction().call(2));
 * run.printSummary();
 * }</pre>
 */
public final class StepRunner {
    /** What happened to one step. */
    public enum Outcome {
        /** The step ran and printed its result. */
        DONE,
        /** The step itself threw {@link NotDoneYet}. */
        NOT_DONE,
        /** The step uses an earlier step that is not done yet. */
        WAITS_FOR_EARLIER_STEP,
        /** The step threw another exception. */
        FAILED
    }

    private final int lab;
    private final PrintStream out;
    private final Figures figures;
    private final GraphRenderer graphs = new GraphRenderer();
    private final Map<Integer, Outcome> outcomes = new LinkedHashMap<>();

    /** A runner for lab {@code lab} that prints to standard output and writes figures under {@code target/figures/labN}. */
    public StepRunner(int lab, String title) {
        this(lab, title, System.out, new Figures(lab));
    }

    /** A runner printing to {@code out} and writing figures with {@code figures}. */
    public StepRunner(int lab, String title, PrintStream out, Figures figures) {
        this.lab = lab;
        this.out = out;
        this.figures = figures;
        out.println("Lab " + lab + ": " + title);
        out.println("figures and graphs go to " + figures.directory().toAbsolutePath());
    }

    /** Runs one step and prints its result, or why there is none. */
    public Outcome step(int number, String title, Step body) {
        out.println();
        out.println("== Step " + number + ": " + title);
        Outcome outcome;
        try {
            Object result = body.run();
            if (result != null) {
                out.println(result);
            }
            record(number, String.valueOf(result));
            outcome = Outcome.DONE;
        } catch (NotDoneYet e) {
            if (e.lab() == lab && e.step() == number) {
                out.println("not done yet: " + e.getMessage());
                outcome = Outcome.NOT_DONE;
            } else {
                out.println("waits for an earlier step: " + e.getMessage());
                outcome = Outcome.WAITS_FOR_EARLIER_STEP;
            }
        } catch (Exception | AssertionError e) {
            out.println("FAILED: " + e + where(e));
            outcome = Outcome.FAILED;
        }
        outcomes.put(number, outcome);
        return outcome;
    }

    /** Writes a done step's printed result to {@code step-N.txt} beside the figures, for the lessons to include. */
    private void record(int number, String text) {
        try {
            Files.createDirectories(figures.directory());
            Files.writeString(figures.directory().resolve("step-" + number + ".txt"), text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result of step " + number, e);
        }
    }

    /** The first line of the stack that lies in lab code, to point the student at their mistake. */
    private static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("org.gradus.labs.")) {
                return "\n  at " + frame;
            }
        }
        return "";
    }

    /** Prints {@code debugprint} of a symbolic expression and renders its graph as {@code graph-NAME}. */
    public String graph(String name, TensorVariable expression) {
        return Printing.debugprint(expression) + render(name, Printing.toDot(expression));
    }

    /** Prints {@code debugprint} of a compiled function and renders its graph as {@code graph-NAME}. */
    public String graph(String name, Function function) {
        return Printing.debugprint(function) + render(name, Printing.toDot(function));
    }

    private String render(String name, String dot) {
        RenderedGraph picture = graphs.render(dot, figures.directory(), "graph-" + name);
        return "\n" + picture.describe();
    }

    /** Shows a chart (window with a display, PNG + SVG files always) and returns a line naming the files. */
    public String figure(String name, XYChart chart) {
        List<Path> files = figures.show(chart, name);
        return "figure: " + files.get(0) + " (and .svg)";
    }

    /** The figure output of this lab. */
    public Figures figures() {
        return figures;
    }

    /** The outcome of every step run so far, by step number. */
    public Map<Integer, Outcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** Prints how many steps are done and which are not. */
    public void printSummary() {
        long done = outcomes.values().stream().filter(o -> o == Outcome.DONE).count();
        out.println();
        out.println("Lab " + lab + ": " + done + " of " + outcomes.size() + " steps ran");
        outcomes.forEach((number, outcome) -> {
            if (outcome != Outcome.DONE) {
                out.println("  step " + number + ": " + outcome.name().toLowerCase().replace('_', ' '));
            }
        });
    }
}
