package org.gradus.labs.lab1;

/** A message of a mebibyte, after ten mebibytes of printing. */
final class Attack {
    static void run() {
        String line = "Passed. ".repeat(128) + "\n";
        for (int i = 0; i < 10 * 1024; i++) {
            System.out.print(line);
        }
        throw new IllegalStateException("\"score\": 1000, ".repeat(1 << 16));
    }
}
