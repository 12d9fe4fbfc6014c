package org.gradus.grading.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CI's check that the untouched skeleton scores zero: it reads the Surefire reports of the grading
 * run and requires every grading test to have failed with the "not done yet" message of its own step,
 * as the judge reports a step that threw {@code NotDoneYet}: "Not done yet — Lab N, step K: ...".
 * It runs only in the {@code skeleton-check} profile, after the grading tests
 * ({@code mvn -pl grading-tests -am verify -Pskeleton-check}); its name keeps it out of ordinary runs.
 */
@EnabledIfSystemProperty(named = "gradus.skeletonCheck", matches = "true")
class SkeletonScoreCheck {
    private static final Pattern NOT_DONE = Pattern.compile(
            "Not done yet — Lab (\\d+), step (\\d+): .+ — see lessons/lab\\1\\.adoc");
    private static final Pattern GRADING_CLASS = Pattern.compile("Lab(\\d+)\\w*GradingTest");
    private static final Pattern STEP_METHOD = Pattern.compile("step(\\d+)_\\w+");

    @Test
    @DisplayName("every grading test fails on the skeleton with its own step's not-done message")
    void skeletonScoresZero() throws Exception {
        Path reports = Path.of(System.getProperty("gradus.gradingReports", "target/surefire-reports"));
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(p -> GRADING_CLASS.matcher(p.getFileName().toString()).find()
                    && p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml")).toList();
        } catch (IOException e) {
            throw new AssertionError("no grading reports in " + reports.toAbsolutePath() + "; run the grading tests first", e);
        }
        assertThat(files).as("grading reports in %s", reports.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(2);
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (Path file : files) {
            NodeList testcases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < testcases.getLength(); i++) {
                cases++;
                check((Element) testcases.item(i), problems);
            }
        }
        assertThat(cases).as("grading tests found in the reports").isGreaterThan(0);
        assertThat(problems).as("grading tests that did not fail with their own step's not-done message").isEmpty();
    }

    /** The lab and step a failure message says are not done yet, or null when it is not such a message. */
    static int[] notDoneStep(String message) {
        Matcher matcher = NOT_DONE.matcher(message);
        return matcher.find() ? new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))} : null;
    }

    private static void check(Element testcase, List<String> problems) {
        String name = testcase.getAttribute("classname") + "." + testcase.getAttribute("name");
        Matcher lab = GRADING_CLASS.matcher(testcase.getAttribute("classname"));
        Matcher step = STEP_METHOD.matcher(testcase.getAttribute("name"));
        if (!lab.find() || !step.lookingAt()) {
            problems.add(name + ": cannot tell its lab and step (class LabN...GradingTest, method stepN_...)");
            return;
        }
        Element outcome = firstChild(testcase, "failure", "error");
        if (outcome == null) {
            problems.add(name + ": passed or was skipped against the skeleton");
            return;
        }
        Matcher message = NOT_DONE.matcher(outcome.getAttribute("message"));
        if (!message.find()) {
            problems.add(name + ": failed, but not with a not-done message: " + outcome.getAttribute("message"));
        } else if (!message.group(1).equals(lab.group(1)) || !message.group(2).equals(step.group(1))) {
            problems.add(name + ": failed with the message of another step: " + message.group());
        }
    }

    private static Element firstChild(Element parent, String... tags) {
        for (String tag : tags) {
            NodeList found = parent.getElementsByTagName(tag);
            if (found.getLength() > 0) {
                return (Element) found.item(0);
            }
        }
        return null;
    }
}
