package org.gradus.grading;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The table printed at the end of a grading run: per lab and step, points earned out of points
 * possible, and under each failure the message that says what was expected and what came back.
 */
final class ConsoleReport {
    private static final int NAME_WIDTH = 64;

    private ConsoleReport() {
    }

    static String render(List<StepResult> results, List<String> notes) {
        StringBuilder out = new StringBuilder("\n=== Gradus grading ===\n");
        Map<Integer, List<StepResult>> byLab = results.stream().collect(
                Collectors.groupingBy(r -> r.test().lab(), TreeMap::new, Collectors.toList()));
        for (Map.Entry<Integer, List<StepResult>> lab : byLab.entrySet()) {
            out.append("\nLab ").append(lab.getKey()).append('\n');
            for (StepResult result : lab.getValue()) {
                GradedTest test = result.test();
                out.append(String.format("  %-5s %-" + NAME_WIDTH + "s %6s / %-4s %s%n", test.step(),
                        shorten(test.displayName()), Points.format(result.score()), Points.format(test.points()),
                        result.passed() ? "ok" : "FAILED"));
                if (!result.passed()) {
                    out.append(result.output().indent(8));
                }
            }
            out.append(String.format("  %-70s %6s / %s%n", "Lab " + lab.getKey() + " total",
                    Points.format(earned(lab.getValue())), Points.format(possible(lab.getValue()))));
        }
        out.append(String.format("%nTotal: %s / %s points, %d of %d tests passed%n", Points.format(earned(results)),
                Points.format(possible(results)), results.stream().filter(StepResult::passed).count(), results.size()));
        notes.forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    private static double earned(List<StepResult> results) {
        return results.stream().mapToDouble(StepResult::score).sum();
    }

    private static double possible(List<StepResult> results) {
        return results.stream().mapToDouble(r -> r.test().points()).sum();
    }

    private static String shorten(String name) {
        return name.length() <= NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 3) + "...";
    }
}
