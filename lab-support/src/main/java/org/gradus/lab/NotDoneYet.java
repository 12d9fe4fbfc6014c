package org.gradus.lab;

/**
 * Thrown by a lab step that the student has not written yet. The message names the lab, the step
 * and the task, and points at the lesson, as its source and as the student edition's built page:
 * {@code Lab 1, step 3: compile S ... — see lessons/lab1.adoc (built: target/handouts/student/lessons/lab1.html)}.
 */
public final class NotDoneYet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int lab;
    private final int step;

    /** A step of lab {@code lab} whose task is {@code task} (one short sentence, imperative). */
    public NotDoneYet(int lab, int step, String task) {
        super("Lab " + lab + ", step " + step + ": " + task + " — see lessons/lab" + lab + ".adoc (built: target/handouts/student/lessons/lab"
                + lab + ".html)");
        this.lab = lab;
        this.step = step;
    }

    public int lab() {
        return lab;
    }

    public int step() {
        return step;
    }
}
