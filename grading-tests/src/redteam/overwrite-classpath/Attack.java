package org.gradus.labs.lab1;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Tries to write into every entry of the class path, and into the grader's compiled tests. */
final class Attack {
    static void run() {
        String cp = System.getProperty("java.class.path") + File.pathSeparator
                + "/autograder/source/grading-tests/target/test-classes";
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        walk.filter(f -> f.toString().endsWith(".class")).limit(3).forEach(f -> {
                            try {
                                Files.write(f, new byte[] {0});
                            } catch (Exception refused) {
                                // as it should be
                            }
                        });
                    }
                } else {
                    Files.write(p, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (Exception refused) {
                // as it should be
            }
        }
    }
}
