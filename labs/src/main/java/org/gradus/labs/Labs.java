package org.gradus.labs;

import org.gradus.labs.lab1.LogisticLab;
import org.gradus.labs.lab2.NeuronLab;
import org.gradus.labs.lab3.MlpLabRun;
import org.gradus.labs.lab4.AutoencoderLabRun;

/**
 * Runs labs by number ({@code Labs 1}, {@code Labs 3 quick}) or all of them without arguments
 * ({@code quick} or {@code full} choose the size of the long runs of Labs 3 and 4); it is
 * what {@code mvn -pl labs -am package -DskipTests -Dlab=N} starts.
 */
public final class Labs {
    private Labs() {
    }

    private static boolean isMode(String arg) {
        return arg.trim().equalsIgnoreCase("quick") || arg.trim().equalsIgnoreCase("full");
    }

    public static void main(String... args) {
        String[] modes = java.util.Arrays.stream(args).filter(Labs::isMode).toArray(String[]::new);
        String[] labs = java.util.Arrays.stream(args).filter(a -> !isMode(a)).toArray(String[]::new);
        String[] which = labs.length == 0 || labs[0].isBlank() || labs[0].equals("all") ? new String[] {"1", "2", "3", "4"}
                : labs;
        for (String lab : which) {
            switch (lab.trim()) {
                case "1" -> LogisticLab.main();
                case "2" -> NeuronLab.main();
                case "3" -> MlpLabRun.main(modes);
                case "4" -> AutoencoderLabRun.main(modes);
                default -> throw new IllegalArgumentException("there is no lab '" + lab + "'; the labs are 1 to 4");
            }
        }
    }
}
