package org.gradus.handouts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources a web page or stylesheet makes the browser load at view time: {@code src} of scripts,
 * images, frames and media, {@code href} of {@code <link>} elements, and {@code @import} and {@code url()}
 * in CSS (inline {@code <style>}, {@code style} attributes and stylesheet files). Comments are ignored;
 * plain {@code <a href>} links are not loaded and are not listed.
 */
final class PageResources {
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern CSS_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern SRC = Pattern.compile(
            "<(?:script|img|iframe|source|video|audio|embed|input|track)\\b[^>]*?\\ssrc\\s*=\\s*[\"']([^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK_HREF = Pattern.compile("<link\\b[^>]*?\\shref\\s*=\\s*[\"']([^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style\\b[^>]*>(.*?)</style>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_IMPORT = Pattern.compile("@import\\s+(?:url\\(\\s*)?[\"']?([^\"')\\s;]+)");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*[\"']?([^\"')]+?)[\"']?\\s*\\)");

    private PageResources() {
    }

    /** The resource references an HTML page loads, in page order (CSS ones after the elements). */
    static List<String> ofHtml(String html) {
        String page = HTML_COMMENT.matcher(html).replaceAll("");
        List<String> found = new ArrayList<>();
        collect(SRC, page, found);
        collect(LINK_HREF, page, found);
        Matcher styles = STYLE_ELEMENT.matcher(page);
        while (styles.find()) {
            found.addAll(ofCss(styles.group(1)));
        }
        Matcher attributes = STYLE_ATTRIBUTE.matcher(page);
        while (attributes.find()) {
            found.addAll(ofCss(attributes.group(1).replace("&quot;", "\"")));
        }
        return found;
    }

    /** The resource references a stylesheet loads ({@code @import} and {@code url()}). */
    static List<String> ofCss(String css) {
        String sheet = CSS_COMMENT.matcher(css).replaceAll("");
        List<String> found = new ArrayList<>();
        collect(CSS_IMPORT, sheet, found);
        collect(CSS_URL, sheet, found);
        return found.stream().distinct().toList();
    }

    /** Whether a reference goes to the network (http, https, or protocol-relative). */
    static boolean isRemote(String reference) {
        String r = reference.strip().toLowerCase(java.util.Locale.ROOT);
        return r.startsWith("http:") || r.startsWith("https:") || r.startsWith("//") || r.startsWith("ftp:");
    }

    /** The file part of a local reference: without {@code ?query} and {@code #fragment}. */
    static String filePart(String reference) {
        String r = reference.strip();
        int cut = r.length();
        for (char c : new char[] {'?', '#'}) {
            int at = r.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return r.substring(0, cut);
    }

    private static void collect(Pattern pattern, String text, List<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
