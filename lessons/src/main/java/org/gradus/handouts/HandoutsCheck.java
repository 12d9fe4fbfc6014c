package org.gradus.handouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * Checks the finished handouts folder, in each of its two editions ({@code student/} and
 * {@code instructor/}, see {@link #EDITIONS}): the index, whose links all resolve inside the edition, an
 * HTML page and a PDF handout for every lesson, a
 * PDF deck (landscape, one page per slide) and, where reveal.js was installed, a reveal.js deck for every
 * deck source; every resource the generated pages load (and the stylesheets they load, in turn) is
 * local and exists, and every image shows something; nothing is loaded from the network. Prints every problem and exits with 1 when there is one.
 *
 * The handouts folder's own {@code index.html} must link to both editions.
 *
 * <p>Arguments: the handouts folder, the lessons source folder, the slides source folder, and
 * {@code true} when the reveal.js deck must exist (npm was available).
 */
public final class HandoutsCheck {
    /** The editions: each a folder of the handouts with the same lessons and decks. */
    static final List<String> EDITIONS = List.of("student", "instructor");
    private static final java.util.regex.Pattern ANCHOR = java.util.regex.Pattern.compile(
            "<a\\b[^>]*?\\shref\\s*=\\s*[\"']([^\"']*)[\"']", java.util.regex.Pattern.CASE_INSENSITIVE);
    private final Path handouts;
    private final List<String> problems = new ArrayList<>();
    /** Stylesheets already checked (a page's stylesheets are checked with what they load in turn). */
    private final Set<Path> stylesheets = new HashSet<>();
    private int pages;
    private int resources;
    private int images;

    private HandoutsCheck(Path handouts) {
        this.handouts = handouts;
    }

    public static void main(String... args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: HandoutsCheck <handouts> <lessons sources> <slides sources> <reveal.js required>");
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        HandoutsCheck top = new HandoutsCheck(root);
        if (top.requireFile(root.resolve("index.html"))) {
            List<String> links = top.checkLinks(root.resolve("index.html"));
            for (String edition : EDITIONS) {
                if (links.stream().noneMatch(link -> link.startsWith(edition + "/"))) {
                    top.problems.add("index.html does not link to the " + edition + " edition");
                }
            }
        }
        problems.addAll(top.problems);
        int pages = 0;
        int resources = 0;
        int images = 0;
        for (String edition : EDITIONS) {
            HandoutsCheck check = new HandoutsCheck(root.resolve(edition));
            check.run(Path.of(args[1]), Path.of(args[2]), Boolean.parseBoolean(args[3]));
            check.problems.forEach(p -> problems.add(edition + "/" + p));
            pages += check.pages;
            resources += check.resources;
            images += check.images;
        }
        if (!problems.isEmpty()) {
            System.err.println("The handouts in " + root + " have " + problems.size() + " problem(s):");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        System.out.printf("handouts check passed (%s editions): %d PDF pages, %d page resources (%d images),"
                + " every index link resolves, nothing from the network%n", String.join(" and ", EDITIONS), pages,
                resources, images);
    }

    /**
     * The local links of a page ({@code <a href>}); each must lead to an existing file inside the folder
     * checked, so an edition's index links to its own material only.
     */
    private List<String> checkLinks(Path page) throws IOException {
        List<String> links = new ArrayList<>();
        java.util.regex.Matcher m = ANCHOR.matcher(Files.readString(page));
        while (m.find()) {
            String href = m.group(1);
            if (href.isBlank() || href.startsWith("#") || href.startsWith("mailto:") || PageResources.isRemote(href)) {
                continue;
            }
            links.add(href);
            Path target = page.getParent().resolve(PageResources.filePart(href)).normalize();
            if (!target.startsWith(handouts)) {
                problems.add(handouts.relativize(page) + " links outside its folder: " + href);
            } else if (!Files.isRegularFile(target)) {
                problems.add(handouts.relativize(page) + " links to a missing file: " + href);
            }
        }
        if (links.isEmpty()) {
            problems.add(handouts.relativize(page) + " links to nothing");
        }
        return links;
    }

    private void run(Path lessonSources, Path slideSources, boolean revealRequired) throws IOException {
        if (requireFile(handouts.resolve("index.html"))) {
            checkLinks(handouts.resolve("index.html"));
        }
        for (Path lesson : Folders.list(lessonSources, "[!_.]*.adoc")) {
            String stem = Folders.stem(lesson);
            requireFile(handouts.resolve("lessons/" + stem + ".html"));
            checkPdf(handouts.resolve("lessons/" + stem + ".pdf"), false);
        }
        boolean revealInstalled = Files.isRegularFile(handouts.resolve("slides/reveal.js/dist/reveal.js"));
        if (revealRequired && !revealInstalled) {
            problems.add("reveal.js is not installed in " + handouts.resolve("slides/reveal.js") + " (was npm found?)");
        }
        for (Path deck : Folders.list(slideSources, "[!_.]*.adoc")) {
            String stem = Folders.stem(deck);
            checkPdf(handouts.resolve("slides/" + stem + ".pdf"), true);
            if (revealInstalled) {
                requireFile(handouts.resolve("slides/" + stem + ".html"));
            }
        }
        List<Path> pages = new ArrayList<>(List.of(handouts.resolve("index.html")));
        pages.addAll(Folders.list(handouts.resolve("lessons"), "*.html"));
        pages.addAll(Folders.list(handouts.resolve("slides"), "*.html"));
        for (Path page : pages) {
            if (Files.isRegularFile(page)) {
                checkReferences(page, PageResources.ofHtml(Files.readString(page)), true);
            }
        }
    }

    private boolean requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            problems.add("missing: " + handouts.relativize(file));
            return false;
        }
        return true;
    }

    /** A PDF has pages; a deck's pages are landscape, one per slide (outline entries plus the title page). */
    private void checkPdf(Path pdf, boolean deck) throws IOException {
        if (!requireFile(pdf)) {
            return;
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            int count = document.getNumberOfPages();
            pages += count;
            if (count == 0) {
                problems.add(handouts.relativize(pdf) + " has no pages");
            }
            if (!deck) {
                return;
            }
            for (PDPage page : document.getPages()) {
                if (page.getMediaBox().getWidth() <= page.getMediaBox().getHeight()) {
                    problems.add(handouts.relativize(pdf) + " has a portrait page; a deck is landscape");
                    break;
                }
            }
            int slides = countOutline(document);
            if (count != slides) {
                problems.add(handouts.relativize(pdf) + " has " + count + " pages for " + slides
                        + " slides (title included): a slide overflows its page; shorten it or split it");
            }
        }
    }

    /** The slides in the deck's outline: the title page's entry and one entry per slide, all at the top level. */
    private static int countOutline(PDDocument document) {
        var outline = document.getDocumentCatalog().getDocumentOutline();
        int entries = 0;
        if (outline != null) {
            for (PDOutlineItem ignored : outline.children()) {
                entries++;
            }
        }
        return entries;
    }

    /**
     * Every reference is local and exists; with {@code content}, images are the page's own figures and
     * must show something (a stylesheet's decorations are only checked to exist).
     */
    private void checkReferences(Path page, List<String> references, boolean content) throws IOException {
        String where = handouts.relativize(page).toString();
        for (String reference : references) {
            resources++;
            if (PageResources.isRemote(reference)) {
                problems.add(where + " loads a network resource: " + reference);
            } else if (reference.startsWith("data:")) {
                if (content && reference.matches("(?s)data:image/(png|jpeg|gif);base64,.*")) {
                    int comma = reference.indexOf(",");
                    checkImage(where + " (inline image)", Base64.getMimeDecoder().decode(reference.substring(comma + 1)));
                }
            } else if (!reference.isBlank() && !reference.startsWith("#") && !reference.startsWith("about:")) {
                Path file = page.getParent().resolve(PageResources.filePart(reference)).normalize();
                if (!Files.isRegularFile(file)) {
                    problems.add(where + " refers to a missing file: " + reference);
                } else if (content && reference.matches("(?i).*\\.(png|jpe?g|gif)([?#].*)?")) {
                    checkImage(where + " image " + reference, Files.readAllBytes(file));
                } else if (reference.matches("(?i).*\\.css([?#].*)?") && stylesheets.add(file)) {
                    checkReferences(file, PageResources.ofCss(Files.readString(file)), false);
                }
            }
        }
    }

    private void checkImage(String what, byte[] bytes) {
        images++;
        String problem = ImageCheck.problem(bytes);
        if (problem != null) {
            problems.add(what + " " + problem);
        }
    }
}
