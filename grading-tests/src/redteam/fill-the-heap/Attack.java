package org.gradus.labs.lab1;

import java.util.ArrayList;
import java.util.List;

/** Keeps every array it allocates. */
final class Attack {
    static final List<long[]> KEPT = new ArrayList<>();

    static void run() {
        while (true) {
            KEPT.add(new long[1 << 20]);
        }
    }
}
