package org.gradus.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradus.Config;
import org.gradus.Doctor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering with the engine this machine gives: the lab-support tests run it in the default run (dot or V8 on
 * x86_64) and again in the {@code graph-js} run with {@code -Dgradus.graphviz.engine=js}, the pure-Java GraalJS
 * engine that an arm64 machine without Graphviz gets.
 */
class GraphRendererTest {
    @TempDir
    Path folder;

    @Test
    void rendersASmallGraphToSvgAndPng() throws IOException {
        RenderedGraph g = new GraphRenderer().render("digraph { x -> y; x [label=\"input x\"] }", folder, "g");
        assertThat(g.problem()).isNull();
        assertThat(g.dot()).hasContent("digraph { x -> y; x [label=\"input x\"] }");
        String svg = Files.readString(g.svg());
        assertThat(svg).contains("<svg", "<title>x</title>", "<title>y</title>", ">input x</text>")
                .containsPattern("<title>x(&#45;|-)&gt;y</title>");
        byte[] png = Files.readAllBytes(g.png());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(g.describe()).isEqualTo("graph: " + g.png() + " (and .svg, .dot)");
    }

    @Test
    void theEngineIsTheForcedOneOrTheFirstThatStarts() {
        String forced = System.getProperty(GraphRenderer.ENGINE_PROPERTY, "");
        String engine = GraphRenderer.engine();
        if (!forced.isEmpty()) {
            assertThat(engine).isEqualTo(forced);
            assertThat(GraphRenderer.describe()).contains("(-D" + GraphRenderer.ENGINE_PROPERTY + "=" + forced + ")");
        } else {
            assertThat(engine).isIn("dot", "v8", "js");
        }
        if (engine.equals("js")) {
            assertThat(GraphRenderer.describe()).startsWith("GraalJS running viz.js in pure Java");
        }
        if (!Config.get().natives() && forced.isEmpty()) {
            assertThat(engine).isNotEqualTo("v8");
        }
        assertThat(Doctor.findings()).filteredOn(f -> f.topic().equals("graphs"))
                .singleElement().extracting(Doctor.Finding::text).isEqualTo(GraphRenderer.describe());
    }

    @Test
    void j2v8LibraryNamesFollowJ2v8sOwnScheme() {
        assertThat(GraphRenderer.j2v8Library("Mac OS X", "aarch64")).isEqualTo("libj2v8_macosx_aarch64.dylib");
        assertThat(GraphRenderer.j2v8Library("Mac OS X", "x86_64")).isEqualTo("libj2v8_macosx_x86_64.dylib");
        assertThat(GraphRenderer.j2v8Library("Windows 11", "amd64")).isEqualTo("libj2v8_win32_x86_64.dll");
        assertThat(GraphRenderer.j2v8Library("Linux", "amd64")).isEqualTo("libj2v8_linux_x86_64.so");
        assertThat(GraphRenderer.j2v8Library("FreeBSD", "amd64")).isNull();
    }
}
