package org.gradus.labs;

import org.gradus.labs.lab1.LogisticLab;
import org.gradus.labs.lab2.NeuronLab;

/**
 * Runs labs by number ({@code Labs 1}, {@code Labs 2}) or all of them without arguments; it is
 * what {@code mvn -pl labs -am package -DskipTests -Dlab=N} starts.
 */
public final class Labs {
    private Labs() {
    }

    public static void main(String... args) {
        String[] which = args.length == 0 || args[0].isBlank() || args[0].equals("all") ? new String[] {"1", "2"} : args;
        for (String lab : which) {
            switch (lab.trim()) {
                case "1" -> LogisticLab.main();
                case "2" -> NeuronLab.main();
                default -> throw new IllegalArgumentException("there is no lab '" + lab + "'; the labs are 1 and 2");
            }
        }
    }
}
