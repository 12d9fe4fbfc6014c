package org.gradus.rewrite;

import java.util.List;
import java.util.Map;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.printing.Printing;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void show() {
        var x = T.dmatrix("x");
        var y = T.lvector("y");
        SharedVariable w1 = Gradus.shared(new double[4][5], "W1");
        SharedVariable b1 = Gradus.shared(new double[5], "b1");
        SharedVariable w2 = Gradus.shared(new double[5][3], "W2");
        SharedVariable b2 = Gradus.shared(new double[3], "b2");
        TensorVariable h = T.tanh(T.add(T.dot(x, w1), b1));
        TensorVariable p = T.softmax(T.add(T.dot(h, w2), b2));
        TensorVariable nll = T.neg(T.mean(T.log(p).get(T.arange(y.shape(0)), y)));
        TensorVariable l1 = T.add(T.sum(T.abs(w1)), T.sum(T.abs(w2)));
        TensorVariable l2 = T.add(T.sum(T.sqr(w1)), T.sum(T.sqr(w2)));
        TensorVariable cost = T.add(T.add(nll, T.mul(0.001, l1)), T.mul(0.0001, l2));
        List<TensorVariable> gs = T.grad(cost, List.of(w1, b1, w2, b2));
        Function f = Gradus.function(List.of(x, y), cost, Map.of(w1, w1.sub(gs.get(0).mul(0.01)), b1, b1.sub(gs.get(1).mul(0.01)),
                w2, w2.sub(gs.get(2).mul(0.01)), b2, b2.sub(gs.get(3).mul(0.01))));
        System.out.println(f.rewriteLog());
        System.out.println(Printing.debugprint(f));
        var s = T.dvector("s");
        Function g = Gradus.function(List.of(s), List.of(T.log(T.sigmoid(s)), T.grad(T.sum(T.log(T.sigmoid(s))), s)));
        System.out.println(g.rewriteLog());
        System.out.println(g.callAll(new double[] {-800, 0, 800}));
    }
}
