package org.gradus.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file of the grading folder atomically (a temporary file, then a rename), so that a reader,
 * or a JVM that dies mid-write, never sees half a file. Lab code never runs in this JVM (it runs in
 * the runner, see {@link org.gradus.grading.judge.LabSession}), so only the grader writes here.
 */
final class ResultsFile {
    private ResultsFile() {
    }

    static void write(Path file, String content) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading results to " + file, e);
        }
    }
}
