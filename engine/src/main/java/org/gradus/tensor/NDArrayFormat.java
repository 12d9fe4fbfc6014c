package org.gradus.tensor;

import java.util.Locale;
import org.gradus.types.DType;

/** Formats arrays the way NumPy prints them: aligned columns, nested brackets, 8 significant digits. */
final class NDArrayFormat {
    private static final int MAX_ELEMENTS = 1000;
    private static final int EDGE_ITEMS = 3;

    private NDArrayFormat() {
    }

    static String format(NDArray a) {
        if (a.ndim() == 0) {
            return element(a.dtype(), a.get(0));
        }
        int width = 0;
        for (int i = 0; i < a.size(); i++) {
            width = Math.max(width, element(a.dtype(), a.get(i)).length());
        }
        StringBuilder sb = new StringBuilder();
        append(sb, a, 0, 0, width, a.size() > MAX_ELEMENTS);
        return sb.toString();
    }

    private static void append(StringBuilder sb, NDArray a, int axis, int offset, int width, boolean summarize) {
        int n = a.dim(axis);
        int stride = 1;
        for (int k = axis + 1; k < a.ndim(); k++) {
            stride *= a.dim(k);
        }
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                sb.append(axis == a.ndim() - 1 ? "... " : "...\n" + " ".repeat(axis + 1));
                i = n - EDGE_ITEMS;
            }
            if (axis == a.ndim() - 1) {
                String s = element(a.dtype(), a.get(offset + i));
                sb.append(" ".repeat(width - s.length())).append(s);
                if (i < n - 1) {
                    sb.append(' ');
                }
            } else {
                append(sb, a, axis + 1, offset + i * stride, width, summarize);
                if (i < n - 1) {
                    sb.append("\n".repeat(a.ndim() - axis - 1)).append(" ".repeat(axis + 1));
                }
            }
        }
        sb.append(']');
    }

    static String element(DType dtype, double v) {
        if (dtype == DType.BOOL) {
            return v != 0 ? "True" : "False";
        }
        if (!dtype.isFloat()) {
            return Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e16) {
            String s = String.format(Locale.ROOT, "%.8f", v);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s + "0" : s;
        }
        String s = String.format(Locale.ROOT, "%.8e", v);
        return s.replaceAll("0+e", "e").replace(".e", "e");
    }
}
