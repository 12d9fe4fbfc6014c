package org.gradus.lab;

/** The body of one lab step as the lab's {@code main} runs it: it returns what should be printed. */
@FunctionalInterface
public interface Step {
    /** Runs the step; the result (may be {@code null}) is printed with {@code String.valueOf}. */
    Object run() throws Exception;
}
