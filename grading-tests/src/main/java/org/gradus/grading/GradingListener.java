package org.gradus.grading;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.grading.judge.LabSession;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Grades a JUnit run: it collects the results of {@link Graded} tests and writes Gradescope's
 * {@code results.json} into {@code target/grading/} (or the folder named by the system property
 * {@value #OUTPUT_FOLDER_PROPERTY}), then prints a table per lab and step at the end.
 *
 * <p>The file is written before the first test, with every planned test reported as not run, and
 * rewritten atomically after every test, so a run that dies half way leaves a valid file in which
 * the missing steps are failed with the reason. Registered through {@code META-INF/services}, so
 * {@code mvn test} and IDE runs both use it. Only the outcome JUnit reports counts: what student code
 * prints or returns about itself never does.
 */
public final class GradingListener implements TestExecutionListener {
    /** The system property that moves the output folder; default {@code target/grading}. */
    public static final String OUTPUT_FOLDER_PROPERTY = "gradus.grading.dir";
    /** The results file name, as Gradescope expects it. */
    public static final String RESULTS_FILE = "results.json";
    /** Set by the grading module's build, which prints the table itself as its last step ({@link GradeTable}). */
    public static final String TABLE_AT_END_PROPERTY = "gradus.grading.tableAtEnd";
    /** The console table, also kept as a file for CI summaries. */
    public static final String SUMMARY_FILE = "summary.txt";

    private final boolean tableAtEnd;
    private final Path folder;
    private final PrintStream console;
    private final Integer lab;
    private final HiddenTestsManifest manifest;
    private final Map<String, GradedTest> graded = new LinkedHashMap<>();
    private final Map<String, StepResult> results = new LinkedHashMap<>();
    private final Set<String> pending = new HashSet<>();
    private final Map<String, Double> earned = new HashMap<>();
    private final Map<String, Long> startNanos = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private TestPlan plan;
    private long planStartNanos;
    private boolean active;

    /** The listener that {@code META-INF/services} creates: output folder and lab from system properties. */
    public GradingListener() {
        this(Path.of(System.getProperty(OUTPUT_FOLDER_PROPERTY, "target/grading")), System.out, labProperty(),
                HiddenTestsManifest.load(GradingListener.class.getClassLoader()), Boolean.getBoolean(TABLE_AT_END_PROPERTY));
    }

    GradingListener(Path folder, PrintStream console, Integer lab, HiddenTestsManifest manifest) {
        this(folder, console, lab, manifest, false);
    }

    private GradingListener(Path folder, PrintStream console, Integer lab, HiddenTestsManifest manifest,
                            boolean tableAtEnd) {
        this.tableAtEnd = tableAtEnd;
        this.folder = folder;
        this.console = console;
        this.lab = lab;
        this.manifest = manifest;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        planStartNanos = System.nanoTime();
        for (TestIdentifier root : testPlan.getRoots()) {
            testPlan.getDescendants(root).stream().filter(TestIdentifier::isTest).forEach(this::plan);
        }
        if (graded.isEmpty()) {
            return;
        }
        active = true;
        noteHiddenTests();
        notes.add(LabSession.isolationNote());
        submissionNotes().ifPresent(notes::add);
        writeResults();
    }

    private void plan(TestIdentifier test) {
        Optional<Class<?>> testClass = test.getSource().filter(MethodSource.class::isInstance)
                .map(source -> {
                    try {
                        return ((MethodSource) source).getJavaClass();
                    } catch (RuntimeException notLoadable) {
                        return null;
                    }
                });
        Optional<GradedTest> gradedTest = GradedTest.from(test.getUniqueId(), test.getDisplayName(), test.getSource());
        if (gradedTest.isEmpty()) {
            return;
        }
        if (testClass.isEmpty() || !GradedTest.isFromGradingTests(testClass.get())) {
            notes.add("Ignored a graded test outside grading-tests: " + gradedTest.get().className()
                    + " (only grading-tests/src/test/java and src/hidden/java are graded).");
            return;
        }
        GradedTest graded = gradedTest.get();
        this.graded.put(test.getUniqueId(), graded);
        Optional<String> problem = graded.annotationProblem();
        results.put(test.getUniqueId(), problem.map(why -> StepResult.failed(graded, why))
                .orElseGet(() -> StepResult.notRun(graded)));
        if (problem.isEmpty()) {
            pending.add(test.getUniqueId());
        }
    }

    private void noteHiddenTests() {
        HiddenTestsManifest.Count listed = manifest.count(lab);
        long hiddenInRun = graded.values().stream().filter(GradedTest::instructorOnly).count();
        double hiddenPoints = graded.values().stream().filter(GradedTest::instructorOnly).mapToDouble(GradedTest::points).sum();
        if (hiddenInRun == 0 && listed.tests() > 0) {
            notes.add(listed.tests() + " hidden tests not run (" + Points.format(listed.points())
                    + " points): they run only in the instructor's build, e.g. on Gradescope.");
        } else if (hiddenInRun > 0 && (hiddenInRun != listed.tests() || Math.abs(hiddenPoints - listed.points()) > 1e-9)) {
            notes.add("Instructor build: " + HiddenTestsManifest.RESOURCE + " lists " + listed.tests() + " hidden tests ("
                    + Points.format(listed.points()) + " points) but this run has " + hiddenInRun + " ("
                    + Points.format(hiddenPoints) + " points); update the file so student runs report them right.");
        } else if (hiddenInRun > 0) {
            notes.add("Instructor build: " + hiddenInRun + " hidden tests included.");
        }
        if (lab != null) {
            notes.add("Graded lab " + lab + " only (-Dlab=" + lab + ").");
        }
    }

    @Override
    public synchronized void executionStarted(TestIdentifier test) {
        if (graded.containsKey(test.getUniqueId())) {
            startNanos.put(test.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        String value = entry.getKeyValuePairs().get(StudentCodeGuard.EARNED_POINTS_KEY);
        if (value != null && graded.containsKey(test.getUniqueId())) {
            earned.put(test.getUniqueId(), Double.parseDouble(value));
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (!active) {
            return;
        }
        List<String> skipped = new ArrayList<>();
        skipped.add(test.getUniqueId());
        plan.getDescendants(test).forEach(descendant -> skipped.add(descendant.getUniqueId()));
        for (String id : skipped) {
            if (results.remove(id) != null) {
                pending.remove(id);
                notes.add("Not counted (disabled by the instructor): " + graded.get(id).gradescopeName() + " - " + reason);
            }
        }
        writeResults();
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!active) {
            return;
        }
        String id = test.getUniqueId();
        if (pending.remove(id)) {
            results.put(id, outcome(graded.get(id), result, secondsSince(startNanos.get(id))));
        } else if (!test.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            String why = "The test class could not start: " + describe(result);
            for (TestIdentifier descendant : plan.getDescendants(test)) {
                if (pending.remove(descendant.getUniqueId())) {
                    results.put(descendant.getUniqueId(), StepResult.failed(graded.get(descendant.getUniqueId()), why));
                }
            }
        }
        writeResults();
    }

    private StepResult outcome(GradedTest test, TestExecutionResult result, double seconds) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return new StepResult(test, test.points(), true, "Passed.", seconds);
        }
        double partial = earned.getOrDefault(test.uniqueId(), 0.0);
        double score = Double.isFinite(partial) ? Math.max(0, Math.min(partial, test.points())) : 0;
        String message = result.getStatus() == TestExecutionResult.Status.ABORTED
                ? "The test stopped before its end: " + describe(result) : describe(result);
        String hint = test.hint().isBlank() ? "" : "\nHint: " + test.hint();
        return new StepResult(test, score, false, message + hint, seconds);
    }

    private static String describe(TestExecutionResult result) {
        return result.getThrowable().map(FailureMessages::describe).orElse("failed without a reason given");
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (!active) {
            return;
        }
        active = false;
        LabSession.closeAll();
        LabSession.guardNote().ifPresent(notes::add);
        addCompilationEntries();
        writeResults();
        String table = ConsoleReport.render(sortedResults(), notes);
        ResultsFile.write(folder.resolve(SUMMARY_FILE), table);
        if (tableAtEnd) {
            console.println("Graded: " + Points.format(sortedResults().stream().mapToDouble(StepResult::score).sum())
                    + " points; the table follows at the end of the build.");
        } else {
            console.print(table);
            console.println("Results: " + folder.resolve(RESULTS_FILE));
        }
        console.flush();
    }

    /** What the autograder noted about the submission (files taken and ignored), from {@code gradus.grading.notes}. */
    private static Optional<String> submissionNotes() {
        String file = System.getProperty("gradus.grading.notes");
        if (file == null) {
            return Optional.empty();
        }
        try {
            String text = java.nio.file.Files.readString(Path.of(file)).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.length() > 4000 ? text.substring(0, 4000) : text);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** A visible "Compilation" entry (no points) for each lab whose sources the judge could not compile. */
    private void addCompilationEntries() {
        LabSession.compilationErrors().forEach((lab, errors) -> {
            GradedTest entry = new GradedTest("compilation-lab" + lab, "compilation", lab, lab + ".0", 0,
                    Visibility.VISIBLE, "Compilation of lab " + lab, "", false);
            results.put(entry.uniqueId(), StepResult.failed(entry, "Lab " + lab
                    + " does not compile, so none of its steps could be graded. The compiler says:\n" + errors));
        });
    }

    private void writeResults() {
        List<String> lines = new ArrayList<>(notes);
        List<StepResult> sorted = sortedResults();
        lines.add(0, "Gradus autograder: " + Points.format(sorted.stream().mapToDouble(StepResult::score).sum()) + " / "
                + Points.format(sorted.stream().mapToDouble(r -> r.test().points()).sum()) + " points.");
        ResultsFile.write(folder.resolve(RESULTS_FILE),
                ResultsJson.render(sorted, String.join("\n", lines), secondsSince(planStartNanos)));
    }

    private List<StepResult> sortedResults() {
        List<StepResult> sorted = new ArrayList<>(results.values());
        sorted.sort((a, b) -> GradedTest.BY_STEP.compare(a.test(), b.test()));
        return sorted;
    }

    private static double secondsSince(Long startNanos) {
        return startNanos == null ? 0 : (System.nanoTime() - startNanos) / 1e9;
    }

    private static Integer labProperty() {
        try {
            return LabFilter.selectedLab(System.getProperty("lab"));
        } catch (IllegalArgumentException reportedByTheFilter) {
            return null;
        }
    }
}
