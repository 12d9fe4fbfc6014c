package org.gradus.handouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the reveal.js deck work offline: installs the pinned reveal.js from npm ({@code npm ci} with the
 * committed {@code package-lock.json} of {@code slides/}), copies its {@code dist/} and {@code plugin/}
 * folders next to the deck, and moves the converted deck there. Where npm is missing, it says so and
 * leaves the reveal.js deck out; the PDF deck and everything else still build.
 *
 * <p>Arguments: the slides module folder (with {@code package.json}), the folder the revealjs backend
 * wrote the deck pages to, and the handouts' slides folder.
 */
public final class RevealDeck {
    private RevealDeck() {
    }

    public static void main(String... args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RevealDeck <slides module> <converted deck folder> <output folder>");
        }
        Path module = Path.of(args[0]);
        Path converted = Path.of(args[1]);
        Path output = Path.of(args[2]);
        List<Path> decks = Folders.list(converted, "*.html");
        if (decks.isEmpty()) {
            throw new IllegalStateException("no converted reveal.js deck in " + converted.toAbsolutePath());
        }
        String npm = System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm";
        if (!runs(module, npm, "--version")) {
            System.out.println("npm was not found on the PATH: the reveal.js deck is SKIPPED. The PDF deck, the lessons"
                    + " and the index are built; install Node.js with npm and build again to get the reveal.js deck.");
            return;
        }
        if (!runs(module, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")) {
            throw new IllegalStateException("'npm ci' failed in " + module.toAbsolutePath() + " (see above): it installs"
                    + " reveal.js from package-lock.json and needs the npm registry or npm's cache");
        }
        Path revealJs = module.resolve("node_modules/reveal.js");
        Path target = output.resolve("reveal.js");
        Folders.deleteRecursively(target);
        Folders.copyRecursively(revealJs.resolve("dist"), target.resolve("dist"));
        Folders.copyRecursively(revealJs.resolve("plugin"), target.resolve("plugin"));
        Files.createDirectories(output);
        for (Path deck : decks) {
            Files.copy(deck, output.resolve(deck.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("reveal.js deck: " + output.resolve(deck.getFileName()));
        }
    }

    /** Runs a command in {@code folder} with the build's console; false when it cannot start or fails. */
    private static boolean runs(Path folder, String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
