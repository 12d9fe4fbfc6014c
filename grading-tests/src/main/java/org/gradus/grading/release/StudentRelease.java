package org.gradus.grading.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes the student release: a repository tree to hand to students or to use as a GitHub Classroom
 * template. It is made from the committed tree ({@code git archive HEAD}, never the working tree,
 * so an instructor's half-edited files do not leak), without the reference solutions, the hidden
 * tests, the grader's self-tests and fixtures, the Gradescope scripts, the instructor's CI and the
 * lesson sources (which include the answer key); with a root pom without those modules, a README for
 * students, the student edition of the handouts (when the main job has built it), and the
 * self-assessment workflow. Also writes a zip of the tree beside it.
 *
 * <p>{@code mvn -B -P student-release -DskipTests package} at the root runs it.
 */
public final class StudentRelease {
    /** Paths left out of the release (prefixes of the committed paths). */
    static final List<String> LEFT_OUT = List.of("solutions/", "grading-tests/src/hidden/", "grading-tests/src/fixtures/",
            "grading-tests/src/gradescope/", "grading-tests/src/redteam/", "grading-tests/src/release/",
            "grading-tests/src/main/java/org/gradus/grading/release/", "lessons/", "slides/", ".ci/", ".github/",
            "README.adoc");
    /** The grader's own tests and fixtures, which only the instructor's build runs. */
    private static final String SELF_TESTS = "grading-tests/src/test/java/org/gradus/grading/";

    private StudentRelease() {
    }

    /** {@code args}: the repository root, the output folder. */
    public static void main(String... args) throws IOException, InterruptedException {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]).toAbsolutePath().normalize();
        write(root, out);
        Path zip = out.resolveSibling(out.getFileName() + ".zip");
        zip(out, zip);
        System.out.println("Student release: " + out + " and " + zip);
    }

    static void write(Path root, Path out) throws IOException, InterruptedException {
        deleteTree(out);
        Files.createDirectories(out);
        Path archive = Files.createTempFile("gradus-release", ".zip");
        try {
            Process git = new ProcessBuilder("git", "archive", "--format=zip", "--output=" + archive, "HEAD")
                    .directory(root.toFile()).redirectErrorStream(true).start();
            String said = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(120, TimeUnit.SECONDS) || git.exitValue() != 0) {
                throw new IOException("git archive failed in " + root + ": " + said.strip());
            }
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.isDirectory() || !taken(entry.getName())) {
                        continue;
                    }
                    Path target = out.resolve(entry.getName()).normalize();
                    if (!target.startsWith(out)) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                    if (entry.getName().endsWith(".sh")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(archive);
        }
        Path pom = out.resolve("pom.xml");
        Files.writeString(pom, studentPom(Files.readString(pom, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        Path templates = root.resolve("grading-tests/src/release");
        Files.copy(templates.resolve("README.adoc"), out.resolve("README.adoc"));
        Files.createDirectories(out.resolve(".github/workflows"));
        Files.copy(root.resolve(".github/workflows/grade.yml"), out.resolve(".github/workflows/grade.yml"));
        Files.copy(templates.resolve("gitignore"), out.resolve(".gitignore"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path handouts = root.resolve("target/handouts/student");
        if (Files.isDirectory(handouts)) {
            copyTree(handouts, out.resolve("handouts"));
        } else {
            System.out.println("Note: no student edition of the handouts in " + handouts + "; build it with the README's"
                    + " main job first, then make the release again, so the release carries the lessons.");
        }
    }

    static boolean taken(String path) {
        if (LEFT_OUT.stream().anyMatch(path::startsWith)) {
            return false;
        }
        return !(path.startsWith(SELF_TESTS) && !path.startsWith(SELF_TESTS + "labs/"));
    }

    /** The root pom without the solutions module and the instructor's profiles. */
    static String studentPom(String pom) {
        String withoutSolutions = pom.replaceAll("\\s*<module>solutions</module>", "");
        return withoutSolutions.replaceAll("(?s)\\s*<!-- lecture handouts.*?</profile>", "");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void zip(Path folder, Path zip) throws IOException {
        Files.deleteIfExists(zip);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Path p : files) {
                out.putNextEntry(new ZipEntry(folder.getFileName() + "/" + folder.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
