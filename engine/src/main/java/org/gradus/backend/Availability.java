package org.gradus.backend;

import java.util.Objects;

/**
 * Whether a backend can run on this machine, and if not, why not, in one line that a user can act
 * on (for example {@code "CUDA driver library not loadable: libcuda.so.1: cannot open shared object
 * file"}).
 */
public record Availability(boolean available, String reason) {
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /** An available backend; the reason says what was found. */
    public static Availability yes(String found) {
        return new Availability(true, found);
    }

    /** An unavailable backend, with the reason. */
    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
