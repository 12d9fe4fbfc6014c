package org.gradus.lab;

import java.io.PrintStream;

/**
 * A progress bar for training loops: {@code [########------------]  400/1000  cost 0.01234}.
 * On a terminal the bar is redrawn in place; otherwise (IDE console, log file) a line is printed at
 * every quarter, so logs stay short. Every update also tells a lab's {@link StepRunner} that the
 * running step is alive, so a long training loop is not stopped by the step's time limit.
 */
public final class Progress {
    private static final int WIDTH = 20;

    private final String label;
    private final int total;
    private final PrintStream out;
    private final boolean inPlace;
    private int lastQuarter = -1;

    /** A bar for {@code total} steps printed to standard output. */
    public Progress(String label, int total) {
        this(label, total, System.out, System.console() != null);
    }

    /** A bar printed to {@code out}, redrawn in place or printed at each quarter. */
    public Progress(String label, int total, PrintStream out, boolean inPlace) {
        if (total <= 0) {
            throw new IllegalArgumentException("Progress: total must be positive, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.inPlace = inPlace;
    }

    /** Reports that {@code done} of the steps are finished and the last cost was {@code cost}. */
    public void update(int done, double cost) {
        StepRunner.signOfLife();
        if (inPlace) {
            out.print("\r" + line(done, cost));
            if (done >= total) {
                out.println();
            }
            return;
        }
        int quarter = 4 * done / total;
        if (quarter > lastQuarter) {
            lastQuarter = quarter;
            out.println(line(done, cost));
        }
    }

    /** The text of the bar after {@code done} steps. */
    String line(int done, double cost) {
        int filled = (int) Math.round((double) WIDTH * Math.min(done, total) / total);
        return String.format("%s [%s%s] %" + String.valueOf(total).length() + "d/%d  cost %.5g", label,
                "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, cost);
    }
}
