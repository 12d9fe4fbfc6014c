package org.gradus.labs.lab1;

/** Never finishes initializing. */
final class Attack {
    static {
        while (!Thread.currentThread().isInterrupted() || true) {
            Thread.onSpinWait();
        }
    }

    static void run() {
    }
}
