package org.gradus.grading;

/** Pretends to be the grader's listener. */
public final class GradingListener {
    public GradingListener() {
        throw new IllegalStateException("forged listener");
    }
}
