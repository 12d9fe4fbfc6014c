package org.gradus.ops.linalg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the file of a native library that is already mapped into this process (Linux's {@code /proc/self/maps}). */
final class MappedLibraries {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private MappedLibraries() {
    }

    /** Whether this system lists the mapped files (Linux). */
    static boolean supported() {
        return Files.isReadable(MAPS);
    }

    /** The path of the first mapped file whose name contains {@code name}; fails, naming it, when none is mapped. */
    static String path(String name) throws IOException {
        for (String line : Files.readAllLines(MAPS)) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.substring(line.lastIndexOf('/') + 1).contains(name)) {
                return line.substring(slash).trim();
            }
        }
        throw new IOException(name + " is not mapped into this process");
    }
}
