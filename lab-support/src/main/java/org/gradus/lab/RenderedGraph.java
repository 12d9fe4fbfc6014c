package org.gradus.lab;

import java.nio.file.Path;

/**
 * The files of one rendered graph: the DOT text is always written; SVG and PNG are {@code null}
 * when rendering was impossible, and {@code problem} then says why and what to do.
 */
public record RenderedGraph(Path dot, Path svg, Path png, String problem) {
    /** Whether SVG and PNG were written. */
    public boolean rendered() {
        return problem == null;
    }

    /** One line for the lab's output: the picture's path, or the problem. */
    public String describe() {
        return rendered() ? "graph: " + png + " (and .svg, .dot)" : "graph not rendered: " + problem;
    }
}
