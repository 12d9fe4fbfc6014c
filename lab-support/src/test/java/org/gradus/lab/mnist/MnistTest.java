package org.gradus.lab.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradus.types.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    private static final int[] CLASS_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    @Test
    void shippedDigitsHaveTheRecordedClassCountsAndGreyLevels() {
        Digits all = Mnist.shipped();
        assertThat(all.count()).isEqualTo(10_000);
        assertThat(all.rows()).isEqualTo(28);
        assertThat(all.cols()).isEqualTo(28);
        int[] counts = new int[10];
        for (int label : all.labels()) {
            counts[label]++;
        }
        assertThat(counts).containsExactly(CLASS_COUNTS);
        float max = 0;
        float min = 1;
        for (float p : all.pixels()) {
            max = Math.max(max, p);
            min = Math.min(min, p);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
        // a digit has ink in its middle rows and an empty border
        float[][] first = all.image(0);
        float border = 0;
        float middle = 0;
        for (int c = 0; c < 28; c++) {
            border += first[0][c] + first[27][c];
            middle += first[14][c];
        }
        assertThat(border).isZero();
        assertThat(middle).isGreaterThan(1f);
    }

    @Test
    void splitIsStratifiedDisjointAndDeterministic() {
        Digits all = Mnist.shipped();
        Mnist.Split a = Mnist.split(all, 8000, 1000, 1000, 1234);
        Mnist.Split b = Mnist.split(all, 8000, 1000, 1000, 1234);
        Mnist.Split c = Mnist.split(all, 8000, 1000, 1000, 99);
        // Arrays.equals: AssertJ's element-wise diffing is quadratic on arrays this large
        assertThat(java.util.Arrays.equals(a.train().labels(), b.train().labels())).isTrue();
        assertThat(java.util.Arrays.equals(a.test().pixels(), b.test().pixels())).isTrue();
        assertThat(java.util.Arrays.equals(a.train().labels(), c.train().labels())).isFalse();
        for (Digits part : new Digits[] {a.train(), a.validation(), a.test()}) {
            int[] counts = new int[10];
            for (int label : part.labels()) {
                counts[label]++;
            }
            for (int d = 0; d < 10; d++) {
                double expected = (double) CLASS_COUNTS[d] * part.count() / 10_000;
                assertThat((double) counts[d]).as("class %d in a part of %d", d, part.count())
                        .isBetween(expected - 1.5, expected + 1.5);
            }
        }
        assertThat(a.train().count() + a.validation().count() + a.test().count()).isEqualTo(10_000);
    }

    @Test
    void splitRejectsSizesLargerThanTheSet() {
        assertThatThrownBy(() -> Mnist.split(Mnist.shipped(), 9000, 1000, 1000, 1))
                .hasMessageContaining("cannot split 10000 digits");
    }

    @Test
    void matricesForSharedVariables() {
        Digits few = Mnist.shipped().subset(new int[] {0, 5000, 9999});
        assertThat(few.imagesAsMatrix(DType.FLOAT32).shape()).containsExactly(3, 784);
        assertThat(few.labelsAsVector().dtype()).isEqualTo(DType.INT64);
        assertThat(few.labelsAsVector().getLong(2)).isEqualTo(9);
    }

    @Test
    void readsPlainIdxFilesFromDisk(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("images-idx3-ubyte");
        Path labels = dir.resolve("labels-idx1-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
            out.writeInt(0x803);
            out.writeInt(2);
            out.writeInt(2);
            out.writeInt(3);
            out.write(new byte[] {0, (byte) 255, 51, 0, 0, 102, 1, 2, 3, 4, 5, 6});
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
            out.writeInt(0x801);
            out.writeInt(2);
            out.write(new byte[] {7, 3});
        }
        Digits d = Mnist.read(images, labels);
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.image(0)[0]).containsExactly(0f, 1f, 0.2f);
        assertThat(d.labels()).containsExactly(7, 3);
    }

    @Test
    void wrongMagicNumbersAreNamed() {
        byte[] bogus = {0, 0, 8, 1, 0, 0, 0, 0};
        assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(bogus), "labels.idx"))
                .hasMessageContaining("labels.idx").hasMessageContaining("not an IDX images file");
    }
}
