package org.gradus.grading.hidden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradus.Gradus;
import org.gradus.compile.Function;
import org.gradus.grading.Graded;
import org.gradus.grading.InstructorOnly;
import org.gradus.grading.Visibility;
import org.gradus.grading.judge.LabSession;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@InstructorOnly
@DisplayName("Lab 1 — hidden checks")
class Lab1HiddenGradingTest {
    private final LabSession lab = LabSession.of(1);

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    @DisplayName("Step 2: the logistic expression works on a 3-d tensor and in float32")
    @Graded(lab = 1, step = "1.2", points = 1, visibility = Visibility.AFTER_DUE_DATE,
            hint = "Build the expression from the tensor operations only, so it works for any shape and dtype.")
    void step2_anyShapeAndDtype() {
        TensorVariable cube = T.tensor3("cube");
        double[][][] values = {{{-3, 0.5}, {1.5, 2}}, {{-0.1, 6}, {0, -7}}};
        double[] got = Gradus.function(List.of(cube), lab.call(TensorVariable.class, "LogisticLab", "logistic", cube))
                .call(values).toDoubleArray();
        double[] flat = {-3, 0.5, 1.5, 2, -0.1, 6, 0, -7};
        for (int i = 0; i < flat.length; i++) {
            assertThat(got[i]).as("logistic(%s) in a 2×2×2 tensor", flat[i]).isCloseTo(logistic(flat[i]), within(1e-12));
        }
        TensorVariable x = T.fscalar("x");
        TensorVariable y = lab.call(TensorVariable.class, "LogisticLab", "logistic", x);
        assertThat(y.dtype()).as("dtype of logistic(x) for a float32 x").isEqualTo(DType.FLOAT32);
        assertThat(Gradus.function(List.of(x), y).call(2f).doubleValue()).as("logistic(2) in float32")
                .isCloseTo(logistic(2), within(1e-6));
    }

    @Test
    @DisplayName("Step 6: gS is S·(1 - S) far into both tails (x = ±10, ±20)")
    @Graded(lab = 1, step = "1.6", points = 1, visibility = Visibility.AFTER_DUE_DATE,
            hint = "Compile the gradient that T.grad builds; do not write the derivative by hand.")
    void step6_tails() {
        Function gs = lab.call(Function.class, "LogisticLab", "gradientFunction");
        for (double x : new double[] {-20, -10, 10, 20}) {
            double s = logistic(x);
            assertThat(gs.call(x).doubleValue()).as("gS(%s)", x).isCloseTo(s * (1 - s), within(1e-15));
        }
    }
}
