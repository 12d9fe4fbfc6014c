package org.gradus.backend.cpu.codegen;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Compiled loop classes on disk, one {@code <className>.class} file per loop (the name holds the hash
 * of the source) in a folder per Java feature version. Files are written to a temporary file in the
 * same folder and moved into place atomically, so concurrent processes never read half a file; two
 * processes writing the same class write identical bytes, and the last move wins.
 *
 * <p>The folder is the system property {@code gradus.codegen.cache}, else the environment variable
 * {@code GRADUS_CODEGEN_CACHE}, else {@code ~/.cache/gradus/codegen}, else
 * {@code java.io.tmpdir/gradus-codegen}. Any I/O failure makes the cache a no-op, never an error.
 */
final class DiskCache {
    private final Path folder;

    DiskCache(Path folder) {
        this.folder = folder;
    }

    /** The configured cache (see the class comment). */
    static DiskCache standard() {
        String configured = System.getProperty("gradus.codegen.cache", System.getenv("GRADUS_CODEGEN_CACHE"));
        Path base;
        if (configured != null && !configured.isBlank()) {
            base = Paths.get(configured);
        } else {
            base = Paths.get(System.getProperty("user.home", "."), ".cache", "gradus", "codegen");
            try {
                Files.createDirectories(base);
            } catch (IOException | SecurityException e) {
                base = Paths.get(System.getProperty("java.io.tmpdir"), "gradus-codegen");
            }
        }
        return new DiskCache(base.resolve("java" + Runtime.version().feature()));
    }

    Path folder() {
        return folder;
    }

    /** The class file bytes stored for this class name, or {@code null}. */
    byte[] read(String className) {
        Path file = folder.resolve(className + ".class");
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stores class file bytes (and the source beside them, for reading); failures are ignored. */
    void write(String className, byte[] classFile, String source) {
        try {
            Files.createDirectories(folder);
            atomicWrite(folder.resolve(className + ".java"), source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            atomicWrite(folder.resolve(className + ".class"), classFile);
        } catch (IOException | SecurityException e) {
            // the disk cache is an optimisation: an unwritable folder only costs a recompilation
        }
    }

    private void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(folder, target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
