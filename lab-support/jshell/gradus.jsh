// JShell startup for Gradus: the course's imports and two helpers, graph(...) and plot(...).
// Start it with lab-support/jshell/gradus-jshell.sh (Windows: gradus-jshell.cmd) from anywhere.
import java.util.*;
import java.nio.file.Path;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.compile.Mode;
import org.gradus.printing.Printing;
import org.gradus.tensor.*;
import org.gradus.lab.*;

/** Where graph(...) and plot(...) write their pictures in this session. */
Path gradusPictures = Path.of(System.getProperty("java.io.tmpdir"), "gradus-jshell");

/** Renders the graph of an expression (pydotprint) and says where the PNG is. */
String graph(String name, TensorVariable expression) {
    return new GraphRenderer().render(Printing.toDot(expression), gradusPictures, name).describe();
}

/** Renders the graph of a compiled function and says where the PNG is. */
String graph(String name, Function function) {
    return new GraphRenderer().render(Printing.toDot(function), gradusPictures, name).describe();
}

/** Shows a chart (in a window when there is a display) and writes it as PNG and SVG. */
String plot(String name, org.knowm.xchart.XYChart chart) {
    return "figure: " + new Figures(gradusPictures).show(chart, name).get(0);
}

System.out.println("Gradus is ready: T, Gradus, Printing, NDArray and the lab helpers are imported; try  var x = T.scalar(\"x\");");
