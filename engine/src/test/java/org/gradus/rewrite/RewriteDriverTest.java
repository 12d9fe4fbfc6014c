package org.gradus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradus.Gradus;
import org.gradus.GradusException;
import org.gradus.compile.Function;
import org.gradus.graph.Apply;
import org.gradus.ops.Op;
import org.gradus.ops.scalar.Exp;
import org.gradus.ops.scalar.Neg;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

/** The driver's contract: fixed points, loops reported instead of hanging, source lines kept, names checked. */
class RewriteDriverTest {

    /** exp(x) -> neg(neg(exp(x))) and neg(neg(y)) -> y undo each other forever. */
    static final class WrapInDoubleNegation implements NodeRewriter {
        @Override
        public Set<Class<? extends Op>> tracks() {
            return Patterns.ELEMWISE;
        }

        @Override
        public Optional<Replacement> rewrite(Apply node, FunctionGraph graph) {
            if (!Patterns.is(node, Exp.class) || graph.clients(node.output(0)).stream().anyMatch(c -> Patterns.is(c, Neg.class))) {
                return Optional.empty();
            }
            TensorVariable e = T.exp(node.input(0));
            return Optional.of(Replacement.of(node.output(0), T.neg(T.neg(e))));
        }
    }

    @Test
    void aRewriteLoopIsReportedAndStopped() {
        TensorVariable x = T.dvector("x");
        FunctionGraph g = new FunctionGraph(List.of(x), List.of(T.exp(x)));
        Map<Phase, List<NodeRewriter>> rules = new EnumMap<>(Phase.class);
        rules.put(Phase.CANONICALIZE, List.of(new WrapInDoubleNegation(),
                new org.gradus.rewrite.canonicalize.DoubleNegation()));
        RewriteLog log = new RewriteDriver(rules).run(g);
        assertThat(log.loops()).hasSize(1);
        assertThat(log.loops().get(0)).contains("fired 101 times in phase canonicalize");
        assertThat(log.summary()).endsWith("1 rewrite loop(s) stopped");
    }

    @Test
    void replacementsKeepTheSourceLineOfTheNodeTheyReplace() {
        TensorVariable x = T.dvector("x");
        TensorVariable logistic = T.div(1, T.add(1, T.exp(T.neg(x)))); // this line
        int line = logistic.owner().site().lineNumber();
        Function f = Gradus.function(List.of(x), logistic);
        assertThat(f.nodes()).hasSize(1);
        assertThat(f.nodes().get(0).site().lineNumber()).isEqualTo(line);
        assertThat(f.nodes().get(0).site().fileName()).isEqualTo("RewriteDriverTest.java");
    }

    @Test
    void runtimeErrorsInFusedLoopsPointAtTheUsersLine() {
        TensorVariable x = T.dmatrix("x");
        TensorVariable y = T.dmatrix("y");
        TensorVariable out = T.tanh(T.add(T.mul(x, y), 1));
        int line = out.owner().site().lineNumber();
        Function f = Gradus.function(List.of(x, y), out);
        assertThatThrownBy(() -> f.call(new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}))
                .hasMessageContaining("RewriteDriverTest.java:" + line);
    }

    @Test
    void unknownRewriteNamesAreRejected() {
        TensorVariable x = T.dvector("x");
        assertThatThrownBy(() -> Gradus.functionBuilder(List.of(x)).outputs(T.exp(x)).excluding("LogOfSigmoid").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rewrite or phase 'LogOfSigmoid'");
    }

    @Test
    void includingAddsARuleToAModeThatLacksIt() {
        TensorVariable x = T.dvector("x");
        Function f = Gradus.functionBuilder(List.of(x)).outputs(T.log(T.sigmoid(x)))
                .mode(org.gradus.compile.Mode.FAST_COMPILE).including("LogOfSigmoidToSoftplus").build();
        assertThat(f.rewriteLog().count("LogOfSigmoidToSoftplus")).isEqualTo(1);
        assertThat(f.rewriteLog().count("FuseElementwise")).isZero();
    }

    @Test
    void incompatibleReplacementsAreRefused() {
        TensorVariable x = T.dvector("x");
        FunctionGraph g = new FunctionGraph(List.of(x), List.of(T.exp(x)));
        TensorVariable old = g.outputs().get(0);
        assertThatThrownBy(() -> g.replace(Replacement.of(old, T.sum(x))))
                .isInstanceOf(FunctionGraph.IncompatibleReplacementException.class);
        assertThatThrownBy(() -> g.replace(Replacement.of(old, T.exp(old))))
                .hasMessageContaining("depends on the variable it replaces");
        assertThat(g.outputs().get(0)).isSameAs(old);
        assertThat(GradusException.class).isNotNull();
    }
}
