package org.gradus.labs.lab1;

/** Forges the results and ends the JVM at once. */
final class Attack {
    static void run() {
        Forge.everywhere();
        System.exit(0);
    }
}
