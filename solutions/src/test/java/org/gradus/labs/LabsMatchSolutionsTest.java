package org.gradus.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The student skeletons in {@code labs/} are the solutions with each step's body replaced: the same
 * files, identical outside the lab classes, and the same public methods in the lab classes, where
 * every step of the skeleton throws {@code NotDoneYet}.
 */
class LabsMatchSolutionsTest {
    private static final Path SOLUTIONS = Path.of("src/main/java");
    private static final Path LABS = Path.of("../labs/src/main/java");
    private static final Pattern PUBLIC_METHOD = Pattern.compile("^\\s*public (?!record|final class|class|enum|interface)[^=;]*?\\(.*$",
            Pattern.MULTILINE);
    private static final Pattern STEP = Pattern.compile("\\* Step (\\d+)");

    private static Set<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(root::relativize)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static boolean isLabClass(Path relative) {
        return relative.getFileName().toString().matches("[A-Za-z]+Lab\\.java");
    }

    @Test
    void skeletonsHaveTheSameFilesAndDifferOnlyInTheLabClasses() throws IOException {
        assertThat(javaFiles(LABS)).isEqualTo(javaFiles(SOLUTIONS));
        List<Path> differing = new ArrayList<>();
        for (Path p : javaFiles(SOLUTIONS)) {
            if (!Files.readString(SOLUTIONS.resolve(p)).equals(Files.readString(LABS.resolve(p)))) {
                differing.add(p);
            }
        }
        assertThat(differing).as("files that differ between labs/ and solutions/").allMatch(LabsMatchSolutionsTest::isLabClass);
    }

    @Test
    void labClassesDeclareTheSameMethodsAndEverySkeletonStepThrowsNotDoneYet() throws IOException {
        List<Path> labClasses = javaFiles(SOLUTIONS).stream().filter(LabsMatchSolutionsTest::isLabClass).toList();
        assertThat(labClasses).hasSizeGreaterThanOrEqualTo(4);
        for (Path p : labClasses) {
            String solution = Files.readString(SOLUTIONS.resolve(p));
            String skeleton = Files.readString(LABS.resolve(p));
            assertThat(signatures(skeleton)).as("public methods of %s", p).isEqualTo(signatures(solution));
            long steps = count(STEP.matcher(solution));
            assertThat(steps).as("steps documented in %s", p).isPositive();
            assertThat(count(Pattern.compile("throw new NotDoneYet\\(").matcher(skeleton)))
                    .as("NotDoneYet throws in the skeleton %s", p).isGreaterThanOrEqualTo(steps);
            assertThat(solution).as("the solution %s", p).doesNotContain("throw new NotDoneYet(");
        }
    }

    private static List<String> signatures(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = PUBLIC_METHOD.matcher(source);
        while (m.find()) {
            out.add(m.group().trim().replaceAll("\\s*\\{$", ""));
        }
        return out;
    }

    private static long count(Matcher m) {
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
