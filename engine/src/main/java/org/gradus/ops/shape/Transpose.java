package org.gradus.ops.shape;

import org.gradus.tensor.NDArray;
import org.gradus.types.DType;

/**
 * The cache-blocked transpose of a float matrix behind {@link DimShuffle}'s {@code (1, 0)}: tiles of
 * 32×32 so that both the rows read and the columns written stay in cache (a plain loop misses on
 * every write once the matrix is larger than the cache).
 */
final class Transpose {
    private static final int TILE = 32;

    private Transpose() {
    }

    /** {@code out (n×m) = x (m×n)} transposed; float32 and float64 typed, other float dtypes element by element. */
    static void matrix(NDArray x, NDArray out) {
        int m = x.dim(0);
        int n = x.dim(1);
        if (x.dtype() == DType.FLOAT32 && out.dtype() == DType.FLOAT32) {
            float[] src = x.float32Data();
            float[] dst = out.float32Data();
            for (int i0 = 0; i0 < m; i0 += TILE) {
                for (int j0 = 0; j0 < n; j0 += TILE) {
                    for (int i = i0, ie = Math.min(m, i0 + TILE); i < ie; i++) {
                        for (int j = j0, je = Math.min(n, j0 + TILE); j < je; j++) {
                            dst[j * m + i] = src[i * n + j];
                        }
                    }
                }
            }
        } else if (x.dtype() == DType.FLOAT64 && out.dtype() == DType.FLOAT64) {
            double[] src = x.float64Data();
            double[] dst = out.float64Data();
            for (int i0 = 0; i0 < m; i0 += TILE) {
                for (int j0 = 0; j0 < n; j0 += TILE) {
                    for (int i = i0, ie = Math.min(m, i0 + TILE); i < ie; i++) {
                        for (int j = j0, je = Math.min(n, j0 + TILE); j < je; j++) {
                            dst[j * m + i] = src[i * n + j];
                        }
                    }
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out.set(j * m + i, x.get(i * n + j));
                }
            }
        }
    }
}
