package org.gradus.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.ShapeException;
import org.gradus.compile.Function;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

class SourceSiteTest {

    @Test
    void nodesRememberTheUserLineThatCreatedThem() {
        var x = T.matrix("x");
        TensorVariable y = x.mul(2); int line = currentLine();
        assertThat(y.owner().site().fileName()).isEqualTo("SourceSiteTest.java");
        assertThat(y.owner().site().lineNumber()).isEqualTo(line);
        assertThat(x.site().methodName()).isEqualTo("nodesRememberTheUserLineThatCreatedThem");
    }

    @Test
    void runTimeShapeErrorsNameTheNodeAndTheUserLine() {
        var x = T.matrix("x");
        var w = T.matrix("W");
        TensorVariable y = T.dot(x, w); int line = currentLine();
        Function f = Gradus.function(List.of(x, w), y);
        assertThatThrownBy(() -> f.call(new double[3][4], new double[5][2]))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("shapes [3, 4] and [5, 2] are not aligned")
                .hasMessageContaining("in node dot")
                .hasMessageContaining("SourceSiteTest.java:" + line);
    }

    private static int currentLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).map(StackWalker.StackFrame::getLineNumber).orElse(-1);
    }
}
