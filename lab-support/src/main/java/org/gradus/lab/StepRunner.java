package org.gradus.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Each step has a time limit, so a step that loops forever cannot hang the lab: {@value #TIMEOUT_PROPERTY}
 * seconds (default {@value #DEFAULT_TIMEOUT_SECONDS}; {@code 0} means none), counted from the step's start
 * or from its last {@link Progress} update, so a long training loop that reports progress goes on. A step
 * over the limit is reported as "did not finish within N s" and the lab goes on with the next step (the
 * late step's thread is left running in the background; it cannot hold the program open).
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
        FAILED,
        /** The step did not finish within the time limit. */
        TIMED_OUT
    }

    /** The system property with the time limit of a step, in seconds ({@code 0}: no limit). */
    public static final String TIMEOUT_PROPERTY = "gradus.step.timeout";
    /** The time limit of a step when {@value #TIMEOUT_PROPERTY} is not set, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /** When a step last showed it is alive: its start or a {@link Progress} update ({@link System#nanoTime()}). */
    private static volatile long lastSignOfLife = System.nanoTime();

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

    /** Runs one step and prints its result, or why there is none (within the time limit of the class comment). */
    public Outcome step(int number, String title, Step body) {
        out.println();
        out.println("== Step " + number + ": " + title);
        Outcome outcome;
        try {
            Object result = runWithTimeLimit(number, body);
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
        } catch (StepTimedOut e) {
            out.println("step " + number + " did not finish within " + e.seconds + " s (an endless loop? -D"
                    + TIMEOUT_PROPERTY + "=SECONDS changes the limit, 0 removes it); going on with the next step");
            outcome = Outcome.TIMED_OUT;
        } catch (Exception | AssertionError e) {
            out.println("FAILED: " + e + where(e));
            outcome = Outcome.FAILED;
        }
        outcomes.put(number, outcome);
        return outcome;
    }

    /** The step's time limit in seconds, from {@value #TIMEOUT_PROPERTY}; 0 for none. */
    static long timeoutSeconds() {
        String value = System.getProperty(TIMEOUT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be a whole number of seconds, not '" + value + "'");
        }
    }

    /** How many renderings of lab support are running now; while any is, the step's clock stands still. */
    private static final java.util.concurrent.atomic.AtomicInteger SUPPORT_WORK = new java.util.concurrent.atomic.AtomicInteger();

    /** Lab support's own work starts ({@code +1}) or ends ({@code -1}); it never counts as the step's time. */
    static void supportWork(int change) {
        SUPPORT_WORK.addAndGet(change);
        signOfLife();
    }

    /** Called by {@link Progress}: the running step is alive, so its time limit starts again. */
    static void signOfLife() {
        lastSignOfLife = System.nanoTime();
    }

    /** Thrown when a step ran past its time limit. */
    private static final class StepTimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long seconds;

        StepTimedOut(long seconds) {
            super(null, null, false, false);
            this.seconds = seconds;
        }
    }

    /** Runs the body on a daemon thread and waits for it, at most the time limit since its last sign of life. */
    private Object runWithTimeLimit(int number, Step body) throws Exception {
        long limit = timeoutSeconds();
        if (limit == 0) {
            return body.run();
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(body.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "lab " + lab + " step " + number);
        thread.setDaemon(true);
        signOfLife();
        thread.start();
        long limitNanos = TimeUnit.SECONDS.toNanos(limit);
        while (true) {
            if (SUPPORT_WORK.get() > 0) {
                signOfLife();  // lab support is rendering or writing figures: not the step's own time
            }
            long left = lastSignOfLife + limitNanos - System.nanoTime();
            if (left <= 0) {
                thread.interrupt();
                throw new StepTimedOut(limit);
            }
            try {
                return result.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // not yet: look at the time limit again (a Progress update may have moved it)
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
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
