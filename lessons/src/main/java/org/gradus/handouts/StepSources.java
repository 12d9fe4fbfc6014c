package org.gradus.handouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes what both editions of the handouts show for every lab step, taken from the sources so that
 * nothing is typed twice:
 * <ul>
 * <li>{@code skeleton/labN/stepK.java} — the student's starting point from {@code labs/}: the step's
 * Javadoc (the task and the expected result) and its tagged region (the signature and the
 * {@code NotDoneYet} body); {@code skeleton/labN/stepK-signature.java} is the region alone, for slides;</li>
 * <li>{@code grading/_labN-stepK.adoc} — the grading notes of the answer key: a table of the graded tests
 * of the step (test method, what it checks from its {@code @DisplayName}, points, visibility), read from
 * the source text of {@code @Graded(lab = N, step = "N.K", points = P)} in the grading tests, so the
 * notes follow the grader without depending on its classes.</li>
 * </ul>
 *
 * <p>Arguments: the skeletons' package folder ({@code labs/src/main/java/org/gradus/labs}), the
 * grading-tests module folder, and the output folder.
 */
public final class StepSources {
    static final Pattern TAG = Pattern.compile("^\\s*// tag::step(\\d+)\\[\\]\\s*$");
    static final Pattern END = Pattern.compile("^\\s*// end::step(\\d+)\\[\\]\\s*$");
    private static final Pattern GRADED = Pattern.compile("@Graded\\s*\\(");
    private static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");

    private StepSources() {
    }

    /** One graded test as its source text declares it. */
    record GradedTest(int lab, int step, String points, String visibility, String method, String displayName) {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: StepSources <labs package folder> <grading-tests folder> <output folder>");
        }
        Path labs = Path.of(args[0]);
        Path out = Path.of(args[2]);
        Map<String, List<GradedTest>> graded = new TreeMap<>();
        for (GradedTest test : gradedTests(Path.of(args[1]))) {
            graded.computeIfAbsent(test.lab() + "-" + test.step(), k -> new ArrayList<>()).add(test);
        }
        // a stale file would be converted or included as if current: start both folders afresh
        Folders.deleteRecursively(out.resolve("skeleton"));
        Folders.deleteRecursively(out.resolve("grading"));
        int steps = 0;
        for (Path labFolder : Folders.list(labs, "lab[0-9]*")) {
            int lab = Folders.numberIn(labFolder);
            for (Path java : Folders.list(labFolder, "*.java")) {
                for (Map.Entry<Integer, List<String>> step : skeletonSteps(Files.readAllLines(java)).entrySet()) {
                    int k = step.getKey();
                    List<String> lines = step.getValue();
                    Path folder = out.resolve("skeleton/lab" + lab);
                    Files.createDirectories(folder);
                    Files.write(folder.resolve("step" + k + ".java"), lines);
                    Files.write(folder.resolve("step" + k + "-signature.java"), withoutJavadoc(lines));
                    Files.createDirectories(out.resolve("grading"));
                    // "_": Asciidoctor's Maven plugin converts every .adoc under the lessons folder but those named _*
                    Files.write(out.resolve("grading/_lab" + lab + "-step" + k + ".adoc"),
                            notes(lab, k, graded.getOrDefault(lab + "-" + k, List.of())));
                    steps++;
                }
            }
        }
        if (steps == 0) {
            throw new IllegalStateException("no tagged step (// tag::stepK[]) in the skeletons under " + labs.toAbsolutePath());
        }
        System.out.println("step sources: " + steps + " steps (skeleton extracts and grading notes) in " + out);
    }

    /** For every tagged step: the Javadoc right above its {@code tag::} line, then the tagged lines. */
    static Map<Integer, List<String>> skeletonSteps(List<String> source) {
        Map<Integer, List<String>> steps = new TreeMap<>();
        for (int i = 0; i < source.size(); i++) {
            Matcher tag = TAG.matcher(source.get(i));
            if (!tag.matches()) {
                continue;
            }
            int step = Integer.parseInt(tag.group(1));
            List<String> lines = new ArrayList<>(javadocAbove(source, i));
            int j = i + 1;
            for (; j < source.size(); j++) {
                Matcher end = END.matcher(source.get(j));
                if (end.matches() && Integer.parseInt(end.group(1)) == step) {
                    break;
                }
                lines.add(source.get(j));
            }
            if (j == source.size()) {
                throw new IllegalStateException("tag::step" + step + "[] has no end::step" + step + "[]");
            }
            steps.put(step, lines);
        }
        return steps;
    }

    private static List<String> javadocAbove(List<String> source, int tagLine) {
        int end = tagLine - 1;
        if (end < 0 || !source.get(end).strip().endsWith("*/")) {
            return List.of();
        }
        int start = end;
        while (start > 0 && !source.get(start).strip().startsWith("/**")) {
            start--;
        }
        return source.subList(start, end + 1);
    }

    private static List<String> withoutJavadoc(List<String> lines) {
        int first = 0;
        if (!lines.isEmpty() && lines.get(0).strip().startsWith("/**")) {
            while (first < lines.size() && !lines.get(first).strip().endsWith("*/")) {
                first++;
            }
            first++;
        }
        return lines.subList(Math.min(first, lines.size()), lines.size());
    }

    /** Every {@code @Graded} test in the Java sources under {@code gradingModule}/src. */
    static List<GradedTest> gradedTests(Path gradingModule) throws IOException {
        List<GradedTest> tests = new ArrayList<>();
        Path src = gradingModule.resolve("src");
        if (!Files.isDirectory(src)) {
            return tests;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).filter(p -> !p.toString().contains("fixtures")).sorted().toList();
        }
        for (Path file : files) {
            tests.addAll(gradedTests(Files.readString(file)));
        }
        return tests;
    }

    /** The graded tests of one source file: each {@code @Graded} with the display name and method it annotates. */
    static List<GradedTest> gradedTests(String source) {
        List<GradedTest> tests = new ArrayList<>();
        Matcher graded = GRADED.matcher(source);
        while (graded.find()) {
            int close = closingParenthesis(source, graded.end() - 1);
            String arguments = source.substring(graded.end(), close);
            Matcher method = METHOD.matcher(source);
            if (!method.find(close)) {
                continue;
            }
            // the annotations of this method: from the end of the previous member to the method's name
            String annotations = source.substring(annotationsStart(source, graded.start()), method.start());
            Matcher name = DISPLAY_NAME.matcher(annotations);
            String displayName = name.find() ? unescape(name.group(1)) : method.group(1);
            String lab = argument(arguments, "lab");
            String step = argument(arguments, "step");
            if (lab == null || step == null) {
                continue;
            }
            String stepNumber = step.replace("\"", "");
            stepNumber = stepNumber.substring(stepNumber.indexOf('.') + 1);
            if (!lab.matches("\\d+") || !stepNumber.matches("\\d+")) {
                continue;
            }
            String visibility = argument(arguments, "visibility");
            tests.add(new GradedTest(Integer.parseInt(lab), Integer.parseInt(stepNumber),
                    argument(arguments, "points") == null ? "?" : argument(arguments, "points"),
                    visibility == null ? "VISIBLE" : visibility.replace("Visibility.", ""), method.group(1), displayName));
        }
        return tests;
    }

    /**
     * Where the annotations before {@code at} begin: the line after the previous member's last line (a line
     * that does not start with {@code @} and ends with {@code ;}, <code>{</code> or <code>}</code>).
     */
    private static int annotationsStart(String source, int at) {
        int lineStart = source.lastIndexOf('\n', at) + 1;
        while (lineStart > 0) {
            int previousStart = source.lastIndexOf('\n', lineStart - 2) + 1;
            String line = source.substring(previousStart, lineStart).strip();
            if (!line.startsWith("@") && (line.endsWith(";") || line.endsWith("{") || line.endsWith("}"))) {
                break;
            }
            lineStart = previousStart;
        }
        return lineStart;
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping string literals. */
    private static int closingParenthesis(String source, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unclosed @Graded( in a grading test");
    }

    /** The source text of {@code name = value} among annotation arguments (a string literal keeps its quotes). */
    private static String argument(String arguments, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[\\w.]+)").matcher(arguments);
        return m.find() ? m.group(1) : null;
    }

    private static String unescape(String literal) {
        return literal.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** The AsciiDoc of the grading notes of one step. */
    static List<String> notes(int lab, int step, List<GradedTest> tests) {
        List<String> lines = new ArrayList<>();
        if (tests.isEmpty()) {
            lines.add("_Grading notes: no graded test checks Lab " + lab + ", step " + step + "._");
            return lines;
        }
        double total = 0;
        boolean numeric = true;
        for (GradedTest t : tests) {
            try {
                total += Double.parseDouble(t.points());
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        String points = numeric ? (total == Math.rint(total) ? String.valueOf((long) total) : String.valueOf(total)) : "?";
        lines.add(".Grading notes: Lab " + lab + ", step " + step + " (" + points + " point" + ("1".equals(points) ? "" : "s")
                + ", from the `@Graded` tests in `grading-tests/`)");
        lines.add("[cols=\"3,6,1,2\",options=\"header\"]");
        lines.add("|===");
        lines.add("|Test |What it checks (`@DisplayName`) |Points |Visibility");
        for (GradedTest t : tests) {
            lines.add("|`" + t.method() + "` |" + cell(t.displayName()) + " |" + t.points() + " |" + t.visibility());
        }
        lines.add("|===");
        return lines;
    }

    /** A table cell shown as written: no table separators, attribute references or inline markup. */
    private static String cell(String text) {
        return "pass:c[" + text.replace("]", "\\]").replace("|", "\\|") + "]";
    }
}
