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
        String[] texts = new String[a.size()];
        boolean scientific = a.dtype().isFloat() && needsScientific(a);
        for (int i = 0; i < texts.length; i++) {
            texts[i] = a.dtype().isFloat() ? arrayFloat(a.get(i), scientific) : element(a.dtype(), a.get(i));
        }
        // align like NumPy: integer parts padded on the left, fractions on the right
        int intWidth = 0;
        int fracWidth = 0;
        int plainWidth = 0;
        for (String t : texts) {
            int dot = t.indexOf('.');
            if (dot < 0) {
                plainWidth = Math.max(plainWidth, t.length());
            } else {
                intWidth = Math.max(intWidth, dot);
                fracWidth = Math.max(fracWidth, t.length() - dot);
            }
        }
        int width = Math.max(plainWidth, intWidth + fracWidth);
        intWidth += width - (intWidth + fracWidth);
        for (int i = 0; i < texts.length; i++) {
            String t = texts[i];
            int dot = t.indexOf('.');
            if (dot < 0) {
                texts[i] = " ".repeat(width - t.length()) + t; // integers, nan, inf
            } else {
                texts[i] = " ".repeat(intWidth - dot) + t + " ".repeat(fracWidth - (t.length() - dot));
            }
        }
        StringBuilder sb = new StringBuilder();
        append(sb, a, texts, 0, 0, a.size() > MAX_ELEMENTS);
        return sb.toString();
    }

    private static boolean needsScientific(NDArray a) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            double v = Math.abs(a.get(i));
            if (v != 0 && Double.isFinite(v)) {
                maxAbs = Math.max(maxAbs, v);
                minAbs = Math.min(minAbs, v);
            }
        }
        return maxAbs >= 1e16 || (minAbs < 1e-4) || (maxAbs / minAbs > 1e3 && minAbs < 1e-3);
    }

    private static String arrayFloat(double v, boolean scientific) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (scientific) {
            String s = String.format(Locale.ROOT, "%.8e", v);
            String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "");
            return mantissa + s.substring(s.indexOf('e'));
        }
        String s = String.format(Locale.ROOT, "%.8f", v).replaceAll("0+$", "");
        return s;
    }

    private static void append(StringBuilder sb, NDArray a, String[] texts, int axis, int offset, boolean summarize) {
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
                sb.append(texts[offset + i]);
                if (i < n - 1) {
                    sb.append(' ');
                }
            } else {
                append(sb, a, texts, axis + 1, offset + i * stride, summarize);
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
