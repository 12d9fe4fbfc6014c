package org.gradus.handouts;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Fails when the student edition gives an answer away: no line of a reference step body may appear
 * anywhere in it. The reference lines are those between {@code // tag::stepK[]} and
 * {@code // end::stepK[]} in the solutions, except blank lines, lines of braces and brackets alone, and
 * lines whose text the skeleton's file of the same lab also contains (the student has that already: a
 * signature, or a continuation line such as {@code int batchSize) {} that is part of a skeleton's signature). The student
 * edition is read as text: HTML pages without their tags (entities decoded), PDF files through PDFBox's
 * text extraction, every other text file as it is; images, fonts and inline {@code data:} URIs are
 * skipped. Whitespace is ignored on both sides, so a code line wrapped across PDF lines or split into
 * highlighted spans is still found.
 *
 * <p>Arguments: the student edition folder, the solutions' package folder
 * ({@code solutions/src/main/java/org/gradus/labs}) and the skeletons' ({@code labs/src/main/java/org/gradus/labs}).
 * Exits with 1 and lists every leak (file, lab, step, line) when there is one. After a clean pass it
 * proves that it can fail: it plants one reference line in a copy of a student page (in a temporary
 * folder) and exits with 1 unless that copy is rejected.
 */
public final class LeakCheck {
    private static final Set<String> BINARY = Set.of("png", "jpg", "jpeg", "gif", "ico", "woff", "woff2", "ttf", "eot",
            "otf", "zip", "gz", "jar", "class", "bin");
    private static final Pattern TRIVIAL = Pattern.compile("[\\s{}()\\[\\];,]*");
    private static final Pattern DATA_URI = Pattern.compile("data:[a-zA-Z0-9.+/-]+;base64,[A-Za-z0-9+/=\\s]*");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private LeakCheck() {
    }

    /** A line of a reference step body, with where it comes from. */
    record ReferenceLine(String lab, int step, String text, String key) {
    }

    /** One leaked line and the file it appears in. */
    record Leak(Path file, ReferenceLine line) {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LeakCheck <student edition> <solutions package folder> <skeletons package folder>");
        }
        Path edition = Path.of(args[0]).toAbsolutePath().normalize();
        List<ReferenceLine> reference = referenceLines(Path.of(args[1]), Path.of(args[2]));
        if (reference.isEmpty()) {
            throw new IllegalStateException("no reference step body found under " + Path.of(args[1]).toAbsolutePath()
                    + ": the leak check would check nothing");
        }
        if (!Files.isDirectory(edition)) {
            throw new IllegalStateException("no student edition at " + edition);
        }
        int[] files = {0};
        List<Leak> leaks = leaks(edition, reference, files);
        if (!leaks.isEmpty()) {
            System.err.println("LEAK: the student edition in " + edition + " shows " + leaks.size()
                    + " line(s) of the reference solutions' step bodies:");
            for (Leak leak : leaks) {
                System.err.println("  " + edition.relativize(leak.file()) + ": " + leak.line().lab() + ", step "
                        + leak.line().step() + ": " + leak.line().text());
            }
            System.err.println("Put what shows them between ifdef::answer-key[] and endif::answer-key[] in the lesson or deck,"
                    + " or rewrite the hint so that it teaches without the code.");
            System.exit(1);
        }
        System.out.printf("leak check passed: none of %d reference lines appears in the %d files of %s%n",
                reference.size(), files[0], edition);
        selfTest(edition, reference);
    }

    /** Plants a reference line in a copy of a student page and fails unless the check finds it. */
    private static void selfTest(Path edition, List<ReferenceLine> reference) throws IOException {
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(edition)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no HTML page in " + edition + " for the leak check's self-test");
        }
        ReferenceLine planted = reference.get(reference.size() / 2);
        Path folder = Files.createTempDirectory("leak-check-self-test");
        try {
            Path copy = folder.resolve(pages.get(0).getFileName());
            String escaped = planted.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            Files.writeString(copy, Files.readString(pages.get(0)).replace("</body>",
                    "<pre><code><span class=\"n\">" + escaped + "</span></code></pre></body>"));
            List<Leak> found = leaks(folder, reference, new int[1]);
            if (found.stream().noneMatch(leak -> leak.line().equals(planted))) {
                System.err.println("The leak check's self-test FAILED: a reference line planted in a copy of "
                        + pages.get(0) + " was not found: " + planted.text());
                System.exit(1);
            }
            System.out.println("leak check self-test: a reference line planted in a copy of " + edition.relativize(pages.get(0))
                    + " is caught (" + planted.lab() + ", step " + planted.step() + ": " + planted.text() + ")");
        } finally {
            Folders.deleteRecursively(folder);
        }
    }

    /** The distinctive lines of every reference step body under {@code solutions}. */
    static List<ReferenceLine> referenceLines(Path solutions, Path skeletons) throws IOException {
        Map<String, ReferenceLine> lines = new LinkedHashMap<>();
        for (Path labFolder : Folders.list(solutions, "lab[0-9]*")) {
            String lab = "Lab " + Folders.numberIn(labFolder);
            for (Path java : Folders.list(labFolder, "*.java")) {
                Path skeletonFile = skeletons.resolve(labFolder.getFileName().toString()).resolve(java.getFileName().toString());
                String skeleton = Files.isRegularFile(skeletonFile) ? key(Files.readString(skeletonFile)) : "";
                int step = -1;
                for (String line : Files.readAllLines(java)) {
                    Matcher tag = StepSources.TAG.matcher(line);
                    if (tag.matches()) {
                        step = Integer.parseInt(tag.group(1));
                        continue;
                    }
                    if (StepSources.END.matcher(line).matches()) {
                        step = -1;
                        continue;
                    }
                    String key = key(line);
                    if (step >= 0 && !TRIVIAL.matcher(line).matches() && !skeleton.contains(key)) {
                        lines.putIfAbsent(key, new ReferenceLine(lab, step, line.strip(), key));
                    }
                }
            }
        }
        return new ArrayList<>(lines.values());
    }

    static List<Leak> leaks(Path edition, List<ReferenceLine> reference, int[] fileCount) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(edition)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Leak> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            fileCount[0]++;
            String key = key(text);
            for (ReferenceLine line : reference) {
                if (key.contains(line.key())) {
                    leaks.add(new Leak(file, line));
                }
            }
        }
        return leaks;
    }

    /** The text a reader sees in the file, or {@code null} for images, fonts and other binaries. */
    static String text(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (BINARY.contains(extension)) {
            return null;
        }
        if (extension.equals("pdf")) {
            try (PDDocument document = Loader.loadPDF(file.toFile())) {
                return new PDFTextStripper().getText(document);
            }
        }
        String content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        content = DATA_URI.matcher(content).replaceAll(" ");
        if (extension.startsWith("htm") || extension.equals("svg") || extension.equals("xml")) {
            // keep the raw markup as well as the text: a line may hide in an attribute, or be split by tags
            return content + "\n" + decode(TAGS.matcher(content).replaceAll(""));
        }
        return content;
    }

    /** HTML entities decoded, and Asciidoctor's typographic replacements turned back into what was typed. */
    static String decode(String html) {
        Matcher m = NUMERIC_ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    /** What two texts are compared by: typographic replacements undone, whitespace removed. */
    static String key(String text) {
        String typed = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replace("\u2192", "->").replace("\u21d2", "=>").replace("\u2190", "<-").replace("\u21d0", "<=")
                .replace("\u2026", "...").replace("\u2014", "--").replace("\u200b", "").replace('\u00a0', ' ');
        return WHITESPACE.matcher(typed).replaceAll("");
    }
}
