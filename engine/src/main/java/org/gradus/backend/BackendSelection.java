package org.gradus.backend;

import java.util.Optional;

/**
 * The outcome of choosing a backend for a requested device: the backend that will run, and the
 * warning to show once when it is not the one that was asked for.
 */
public record BackendSelection(String requested, Backend backend, Optional<String> fallbackWarning) {

    /** Whether the requested device is the one that will run. */
    public boolean fellBack() {
        return fallbackWarning.isPresent();
    }
}
