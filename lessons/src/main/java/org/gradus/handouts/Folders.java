package org.gradus.handouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File helpers shared by the handout steps: recursive delete and copy, and listing files in lab order. */
final class Folders {
    private static final Pattern NUMBER = Pattern.compile("(\\d+)");

    private Folders() {
    }

    /** Deletes {@code folder} and everything in it; nothing happens when it does not exist. */
    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Copies the folder {@code from} with everything in it to {@code to}, replacing files already there. */
    static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The files (or folders) directly in {@code folder} whose name matches {@code glob}, sorted so that
     * numbers compare by value ({@code lab2} before {@code lab10}); empty when the folder does not exist.
     */
    static List<Path> list(Path folder, String glob) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        var matcher = folder.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.filter(path -> matcher.matches(path.getFileName()))
                    .sorted(Comparator.comparing(Folders::numberIn).thenComparing(Path::toString))
                    .toList();
        }
    }

    /** The first number in a file's name ({@code lab3.adoc} gives 3), or -1. */
    static int numberIn(Path path) {
        Matcher m = NUMBER.matcher(path.getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The file name without its extension. */
    static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
