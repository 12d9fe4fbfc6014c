package org.gradus.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradus.tensor.NDArray;
import org.gradus.types.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Split and unsplit copies move exactly the requested elements, leave the rest alone and count as a change of the target. */
class ParallelCopyTest {

    @ParameterizedTest(name = "{0}: {3} elements from {1} to {2}")
    @CsvSource({"float32, 7, 3, 100_353", "float64, 784, 0, 100_352", "float32, 0, 1000, 70_001", "float64, 5, 9, 300",
        "int64, 11, 2, 90_000"})
    void copiesTheRangeAndNothingElse(String dtypeName, int from, int to, String lengthText) {
        DType d = DType.of(dtypeName);
        int length = Integer.parseInt(lengthText.replace("_", ""));
        NDArray src = NDArray.zeros(d, from + length + 13);
        for (int i = 0; i < src.size(); i++) {
            src.set(i, i % 1000 - 500);
        }
        NDArray dst = NDArray.zeros(d, to + length + 17);
        for (int i = 0; i < dst.size(); i++) {
            dst.set(i, -1);
        }
        int before = dst.version();
        ParallelCopy.copy(src, from, dst, to, length);
        assertThat(dst.version()).isNotEqualTo(before);
        for (int i = 0; i < dst.size(); i++) {
            double expected = i >= to && i < to + length ? src.get(from + i - to) : -1;
            assertThat(dst.get(i)).as("element %d", i).isEqualTo(expected);
        }
    }
}
