package org.gradus.grading;

/** When a student sees a graded test's result on Gradescope; the names are Gradescope's. */
public enum Visibility {
    /** Always shown. */
    VISIBLE("visible"),
    /** Shown once the assignment's due date has passed. */
    AFTER_DUE_DATE("after_due_date"),
    /** Shown once the instructor publishes the grades. */
    AFTER_PUBLISHED("after_published"),
    /** Never shown to the student. */
    HIDDEN("hidden");

    private final String gradescopeName;

    Visibility(String gradescopeName) {
        this.gradescopeName = gradescopeName;
    }

    /** The value Gradescope's {@code visibility} field expects. */
    public String gradescopeName() {
        return gradescopeName;
    }
}
