package org.gradus.lab.mnist;

import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * A set of digit images with their labels. Pixels are grey levels scaled to [0, 1]; image
 * {@code i} occupies {@code pixels[i * 784 .. i * 784 + 783]} in row-major order.
 */
public record Digits(int count, int rows, int cols, float[] pixels, int[] labels) {

    /** Pixels per image. */
    public int imageSize() {
        return rows * cols;
    }

    /** The images as a {@code count × (rows·cols)} matrix of the given float dtype, for a shared variable. */
    public NDArray imagesAsMatrix(DType dtype) {
        NDArray m = NDArray.zeros(dtype, count, imageSize());
        for (int i = 0; i < pixels.length; i++) {
            m.set(i, pixels[i]);
        }
        return m;
    }

    /** The labels as an int64 vector (the dtype that advanced indexing and {@code T.lvector} use). */
    public NDArray labelsAsVector() {
        NDArray v = NDArray.zeros(DType.INT64, count);
        for (int i = 0; i < count; i++) {
            v.setLong(i, labels[i]);
        }
        return v;
    }

    /** One image as a {@code rows × cols} array of grey levels, e.g. for plotting. */
    public float[][] image(int index) {
        float[][] img = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(pixels, index * imageSize() + r * cols, img[r], 0, cols);
        }
        return img;
    }

    /** The images at the given positions, in that order. */
    public Digits subset(int[] indices) {
        int size = imageSize();
        float[] px = new float[indices.length * size];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * size, px, k * size, size);
            lb[k] = labels[indices[k]];
        }
        return new Digits(indices.length, rows, cols, px, lb);
    }
}
