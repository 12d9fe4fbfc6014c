package org.gradus.grading.judge;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the lab sources are, what the runner's class path is, and how a runner is started. Read once
 * from system properties that the grading module's build sets:
 * {@value #SOURCE_PROPERTY} (the lab sources: {@code labs/} or, with {@code -Psolutions}, {@code solutions/}),
 * {@value #CLASSPATH_PROPERTY} (the engine, lab support and their libraries — never the grader's classes),
 * {@value #HEAP_PROPERTY} (the runner's heap, default {@value #DEFAULT_HEAP}).
 */
final class RunnerSetup {
    static final String SOURCE_PROPERTY = "gradus.labs.source";
    static final String CLASSPATH_PROPERTY = "gradus.runner.classpath";
    static final String HEAP_PROPERTY = "gradus.runner.heap";
    static final String DEFAULT_HEAP = "768m";
    private static RunnerSetup instance;

    private final Path sourceRoot;
    private final List<Path> classPath;
    private final Path workFolder;
    private final String heap;
    private final Isolation isolation;
    private Path stage;

    private RunnerSetup(Path sourceRoot, List<Path> classPath, Path workFolder, String heap, Isolation isolation) {
        this.sourceRoot = sourceRoot;
        this.classPath = classPath;
        this.workFolder = workFolder;
        this.heap = heap;
        this.isolation = isolation;
    }

    static synchronized RunnerSetup get() {
        if (instance == null) {
            String source = System.getProperty(SOURCE_PROPERTY, "../labs/src/main/java");
            String cp = System.getProperty(CLASSPATH_PROPERTY);
            if (cp == null || cp.isBlank()) {
                throw new IllegalStateException("the grader needs -D" + CLASSPATH_PROPERTY
                        + " (the grading module's build sets it); run the grader with mvn test");
            }
            List<Path> entries = new ArrayList<>();
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry).toAbsolutePath());
                }
            }
            Path work = Path.of(System.getProperty("gradus.judge.dir", "target/judge")).toAbsolutePath();
            instance = new RunnerSetup(Path.of(source).toAbsolutePath().normalize(), List.copyOf(entries), work,
                    System.getProperty(HEAP_PROPERTY, DEFAULT_HEAP), Isolation.detect());
        }
        return instance;
    }

    /** Puts {@code setup} in place (null: read the system properties again on next use) and returns the one before. */
    static synchronized RunnerSetup replace(RunnerSetup setup) {
        RunnerSetup before = instance;
        instance = setup;
        return before;
    }

    Path sourceRoot() {
        return sourceRoot;
    }

    Path workFolder() {
        return workFolder;
    }

    String heap() {
        return heap;
    }

    Isolation isolation() {
        return isolation;
    }

    /** The class path the lab sources compile against: the engine, lab support and their libraries. */
    String compileClassPath() {
        return String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
    }

    /** Starts a runner for {@code lab} with its compiled classes. */
    RunnerProcess start(int lab, Path labClasses) throws IOException {
        List<Path> entries = new ArrayList<>(classPath);
        entries.add(labClasses);
        Path scratch;
        Path cache;
        if (isolation.separateUser()) {
            entries = staged(entries);
            scratch = stage.resolve("scratch-lab" + lab + "-" + System.nanoTime());
            cache = stage.resolve("cache");
            UserPrincipal user = scratch.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty(Isolation.USER_PROPERTY, Isolation.DEFAULT_USER));
            for (Path own : List.of(scratch, cache)) {
                Files.createDirectories(own);
                Files.setOwner(own, user);
            }
        } else {
            scratch = workFolder.resolve("scratch-lab" + lab);
            cache = workFolder.resolve("cache");
            Files.createDirectories(scratch);
            Files.createDirectories(cache);
        }
        List<String> command = new ArrayList<>(isolation.prefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xss4m");
        command.add("-XX:+UseSerialGC");
        // standard output carries the replies only: no hsperfdata file (runners in PID namespaces of their
        // own all have pid 1 and contend for /tmp/hsperfdata_<user>/1, and the JVM warns about it on
        // standard output), and the JVM's own warnings go to standard error
        command.add("-XX:-UsePerfData");
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add("-Djava.awt.headless=true");
        if (System.getProperty("gradus.flags") != null) {
            command.add("-Dgradus.flags=" + System.getProperty("gradus.flags"));
        }
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-Duser.home=" + scratch);
        // caches kept from one runner to the next of this grading run (natives unpacked once, generated loops)
        command.add("-Dgradus.codegen.cache=" + cache.resolve("codegen"));
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache.resolve("javacpp"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        int feature = Runtime.version().feature();
        if (feature >= 18 && feature <= 23) {
            command.add("-Djava.security.manager=allow");
        }
        if (feature >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()));
        command.add("org.gradus.lab.remote.LabRunner");
        command.add(scratch.toString());
        return RunnerProcess.start(command, scratch);
    }

    /**
     * For a runner of another user: the class path copied once into a folder that user can read but
     * not write (the originals may sit in root's home, where the hidden tests also are).
     */
    private List<Path> staged(List<Path> entries) throws IOException {
        if (stage == null) {
            stage = Files.createTempDirectory(Path.of("/tmp"), "gradus-judge-");
            Files.setPosixFilePermissions(stage, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<Path> copies = new ArrayList<>();
        int i = 0;
        for (Path entry : entries) {
            Path target = stage.resolve("cp" + (i++) + "-" + entry.getFileName());
            if (!Files.exists(target)) {
                copyReadable(entry, target);
            }
            copies.add(target);
        }
        return copies;
    }

    private static void copyReadable(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path t = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            } catch (UncheckedIOException walking) {
                throw walking.getCause();
            }
        } else if (Files.exists(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
