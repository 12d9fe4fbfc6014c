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
 * <p>Arguments: the slides module folder (with {@code package.json}), then pairs of folders: one the
 * revealjs backend wrote an edition's deck pages to, and that edition's slides folder. {@code npm ci} runs once.
 */
public final class RevealDeck {
    private RevealDeck() {
    }

    public static void main(String... args) throws IOException, InterruptedException {
        if (args.length < 3 || args.length % 2 == 0) {
            throw new IllegalArgumentException("usage: RevealDeck <slides module> (<converted deck folder> <output folder>)...");
        }
        Path module = Path.of(args[0]);
        for (int i = 1; i < args.length; i += 2) {
            if (Folders.list(Path.of(args[i]), "*.html").isEmpty()) {
                throw new IllegalStateException("no converted reveal.js deck in " + Path.of(args[i]).toAbsolutePath());
            }
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
        for (int i = 1; i < args.length; i += 2) {
            install(revealJs, Path.of(args[i]), Path.of(args[i + 1]));
        }
    }

    /** Copies reveal.js next to the converted decks of one edition, and the decks into its slides folder. */
    private static void install(Path revealJs, Path converted, Path output) throws IOException {
        List<Path> decks = Folders.list(converted, "*.html");
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
