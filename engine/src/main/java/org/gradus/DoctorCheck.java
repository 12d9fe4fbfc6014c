package org.gradus;

/**
 * One more line for {@link Doctor}'s report, from a module that the engine cannot see (lab support reports how
 * graphs are rendered). Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.gradus.DoctorCheck}); {@link #finding()} must not throw and should not take long.
 */
public interface DoctorCheck {
    /** The topic, one or two words ({@code graphs}). */
    String topic();

    /** What was found and, for a fallback, why, in one line. */
    String finding();
}
