package org.gradus.ops.nnet;

import java.util.List;
import org.gradus.DTypeException;
import org.gradus.ShapeException;
import org.gradus.ops.Op;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.T;
import org.gradus.tensor.TensorVariable;
import org.gradus.types.DType;
import org.gradus.types.TensorType;

/**
 * The softmax of each row of a float matrix (or of a float vector):
 * {@code sm[i, j] = exp(x[i, j] - m_i) / sum_k exp(x[i, k] - m_i)} with {@code m_i = max_k x[i, k]},
 * so that large logits cannot overflow. The result has the input's type.
 *
 * <p>Gradient: {@code gx = (g - sum(g * sm, axis=-1, keepdims)) * sm}, built from ordinary ops so it
 * can be differentiated again.
 */
public record Softmax() implements Op {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public List<TensorType> outputTypes(List<TensorVariable> inputs) {
        checkRowsInput(name(), inputs.get(0));
        return List.of(inputs.get(0).type());
    }

    /** Softmax-like ops take a float vector or matrix; anything else is an error naming the operand. */
    static void checkRowsInput(String op, TensorVariable x) {
        if (x.ndim() < 1 || x.ndim() > 2) {
            throw new ShapeException(op + ": expected a vector or a matrix (rows of logits), got " + x.describe());
        }
        if (!x.dtype().isFloat()) {
            throw new DTypeException(op + ": expected a float dtype, got " + x.describe()
                    + "; T." + op + " casts integers to floatX for you");
        }
    }

    @Override
    public int[][] outputShapes(NDArray[] inputs) {
        return new int[][] {inputs[0].shape()};
    }

    @Override
    public void perform(NDArray[] inputs, NDArray[] outputs) {
        NDArray x = inputs[0];
        NDArray out = outputs[0];
        int cols = x.dim(x.ndim() - 1);
        int rows = x.ndim() == 2 ? x.dim(0) : 1;
        double[] e = rowScratch(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            readRow(x, base, e);
            double max = rowMax(e);
            double total = 0;
            for (int c = 0; c < cols; c++) {
                e[c] = Math.exp(e[c] - max);
                total += e[c];
            }
            for (int c = 0; c < cols; c++) {
                e[c] /= total;
            }
            writeRow(e, out, base);
        }
    }

    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[0]);

    /** This thread's row buffer of exactly {@code cols} elements, kept while rows keep their length. */
    static double[] rowScratch(int cols) {
        double[] row = ROW.get();
        if (row.length != cols) {
            row = new double[cols];
            ROW.set(row);
        }
        return row;
    }

    /** Copies {@code row.length} elements of {@code x} from flat index {@code base} into {@code row}. */
    static void readRow(NDArray x, int base, double[] row) {
        if (x.dtype() == DType.FLOAT64) {
            System.arraycopy(x.float64DataForReading(), base, row, 0, row.length);
        } else if (x.dtype() == DType.FLOAT32) {
            float[] f = x.float32DataForReading();
            for (int c = 0; c < row.length; c++) {
                row[c] = f[base + c];
            }
        } else {
            for (int c = 0; c < row.length; c++) {
                row[c] = x.get(base + c);
            }
        }
    }

    /** Stores {@code row} into {@code out} from flat index {@code base}, converting to out's dtype. */
    static void writeRow(double[] row, NDArray out, int base) {
        if (out.dtype() == DType.FLOAT64) {
            System.arraycopy(row, 0, out.float64Data(), base, row.length);
        } else if (out.dtype() == DType.FLOAT32) {
            float[] f = out.float32Data();
            for (int c = 0; c < row.length; c++) {
                f[base + c] = (float) row[c];
            }
        } else {
            for (int c = 0; c < row.length; c++) {
                out.set(base + c, row[c]);
            }
        }
    }

    /** The largest element of the row; NaN if any is NaN, so NaN propagates. */
    static double rowMax(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            if (v != v) {
                return v;
            }
            max = Math.max(max, v);
        }
        return max;
    }

    @Override
    public List<TensorVariable> grad(List<TensorVariable> inputs, List<TensorVariable> outputs,
                                     List<TensorVariable> outputGrads) {
        TensorVariable x = inputs.get(0);
        TensorVariable sm = outputs.get(0);
        TensorVariable g = outputGrads.get(0);
        TensorVariable dot = T.sum(T.mul(g, sm), new int[] {-1}, true);
        TensorVariable gx = T.mul(T.sub(g, dot), sm);
        return List.of(T.cast(gx, x.dtype()));
    }
}
