package org.gradus.handouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the index pages of the handouts: for each edition ({@code student/}, {@code instructor/}) an
 * {@code EDITION/index.adoc} with a table of every lesson (HTML page and PDF handout) and every deck
 * (reveal.js and PDF) that the build produced in that edition's folder, found by looking at the folder,
 * so a new lesson or deck appears without editing anything; and a top {@code index.adoc} that links to
 * both editions. Each edition's index links to its own material only.
 *
 * <p>Arguments: the handouts folder and the folder to write the index sources to.
 */
public final class HandoutsIndex {
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

    private HandoutsIndex() {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HandoutsIndex <handouts folder> <index source folder>");
        }
        Path handouts = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Files.write(out.resolve("index.adoc"), List.of(
                "= Gradus — lecture handouts",
                ":nofooter:",
                "",
                "The same lessons and lecture deck in two editions, built together from the reference run by",
                "`mvn -B -P handouts -DskipTests verify -pl slides -am`. Everything here works offline.",
                "",
                "[cols=\"1,3\",options=\"header\"]",
                "|===",
                "|Edition |What it holds",
                "|link:student/index.html[Student edition] |Each step's task, the skeleton's signature and Javadoc,"
                        + " the reference run's results and figures, and hints. No reference code: give this one to students.",
                "|link:instructor/index.html[Instructor edition (answer key)] |The same, plus the reference solution of"
                        + " every step and grading notes (what each graded test checks, and its points). Do not hand it out.",
                "|==="));
        for (String edition : HandoutsCheck.EDITIONS) {
            Files.createDirectories(out.resolve(edition));
            Files.write(out.resolve(edition).resolve("index.adoc"), index(handouts.resolve(edition), edition));
        }
    }

    /** The lines of the index for what the handouts folder holds. */
    static List<String> index(Path handouts, String edition) throws IOException {
        boolean answerKey = edition.equals("instructor");
        List<String> lines = new ArrayList<>(List.of(
                "= Gradus — lecture handouts, " + (answerKey ? "instructor edition (answer key)" : "student edition"),
                ":nofooter:",
                "",
                answerKey
                        ? "The answer key: every lesson and deck with the reference solution of each step and its grading notes."
                                + " Do not hand it out; the student edition is the one without reference code."
                        : "Each lab step's task, the method you write (its signature and Javadoc), what the reference run"
                                + " printed and drew, and hints. The code is yours to write.",
                "",
                "Every figure, graph and number in these handouts comes from the reference solutions, run by the same",
                "build (`mvn -B -P handouts -DskipTests verify -pl slides -am`). Everything here works offline.",
                "",
                "== Lessons",
                "",
                "[cols=\"4,1,1\",options=\"header\"]",
                "|===",
                "|Lesson |Web page |PDF handout"));
        List<Path> lessons = Folders.list(handouts.resolve("lessons"), "*.pdf");
        if (lessons.isEmpty()) {
            throw new IllegalStateException("no lesson PDF in " + handouts.resolve("lessons").toAbsolutePath());
        }
        for (Path pdf : lessons) {
            String stem = Folders.stem(pdf);
            Path html = pdf.resolveSibling(stem + ".html");
            lines.add("|" + title(html, stem) + " |" + link("lessons/" + stem + ".html", "HTML", html)
                    + " |link:lessons/" + stem + ".pdf[PDF]");
        }
        lines.addAll(List.of("|===", "", "== Slides", "",
                "[cols=\"4,1,1\",options=\"header\"]",
                "|===",
                "|Deck |reveal.js (browser) |PDF (one slide per page)"));
        for (Path pdf : Folders.list(handouts.resolve("slides"), "*.pdf")) {
            String stem = Folders.stem(pdf);
            Path html = pdf.resolveSibling(stem + ".html");
            lines.add("|" + title(html, stem) + " |" + link("slides/" + stem + ".html", "slides", html)
                    + " |link:slides/" + stem + ".pdf[PDF]");
        }
        lines.add("|===");
        if (Folders.list(handouts.resolve("slides"), "*.html").isEmpty()) {
            lines.addAll(List.of("", "NOTE: The reveal.js deck was not built: npm was missing on the machine that built"
                    + " these handouts."));
        } else {
            lines.addAll(List.of("", "In the reveal.js deck: arrow keys or space to move, `Esc` for the overview."));
        }
        return lines;
    }

    private static String link(String href, String text, Path file) {
        return Files.exists(file) ? "link:" + href + "[" + text + "]" : "not built";
    }

    /** The page's title when it exists, else the file's name. */
    private static String title(Path html, String fallback) throws IOException {
        if (Files.exists(html)) {
            Matcher m = TITLE.matcher(Files.readString(html));
            if (m.find()) {
                return m.group(1).strip().replace("&#8201;&#8212;&#8201;", " — ").replace("|", "\\|");
            }
        }
        return fallback;
    }
}
