package org.gradus.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reproducibility card of a lab's reference run: a small, flat JSON object (seed, dtype, epochs,
 * costs and error rates, time) that the lesson includes and the grading tests use as their oracle,
 * so that text, figures and grades come from one run. Values are strings, numbers or arrays of numbers.
 *
 * <p>{@link #write} also writes the same values as AsciiDoc attributes ({@code :lab3-test-error: 0.0712},
 * and for keys that end in {@code Error} a {@code -percent} attribute such as {@code 7.12}), so the
 * lesson's prose can quote the run's numbers.
 */
public final class ReproducibilityCard {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a string, a number, a {@code double[]} or an {@code int[]}; returns this card. */
    public ReproducibilityCard put(String key, Object value) {
        if (!(value instanceof String || value instanceof Number || value instanceof double[] || value instanceof int[])) {
            throw new IllegalArgumentException("card entry '" + key + "' must be a string, a number or an array of "
                    + "numbers, not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        values.put(key, value instanceof int[] ints ? java.util.Arrays.stream(ints).asDoubleStream().toArray() : value);
        return this;
    }

    /** The entries, in the order they were added. */
    public Map<String, Object> values() {
        return Map.copyOf(values);
    }

    /** The card as pretty-printed JSON, one entry per line. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            json.append("  \"").append(e.getKey()).append("\": ").append(jsonValue(e.getValue()));
            json.append(++i < values.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    /** The scalar entries as AsciiDoc attribute lines named {@code <prefix>-<key in kebab case>}. */
    public String toAsciidocAttributes(String prefix) {
        StringBuilder adoc = new StringBuilder();
        values.forEach((key, value) -> {
            if (value instanceof double[]) {
                return;
            }
            String name = prefix + "-" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            adoc.append(':').append(name).append(": ").append(value instanceof Number n ? format(n) : value).append('\n');
            if (value instanceof Number n && key.endsWith("Error")) {
                adoc.append(':').append(name).append("-percent: ")
                        .append(String.format(Locale.ROOT, "%.1f", 100 * n.doubleValue())).append('\n');
            }
        });
        return adoc.toString();
    }

    /** Writes {@code NAME.json} and {@code NAME.adoc} (attributes prefixed {@code prefix}) into {@code directory}. */
    public Path write(Path directory, String name, String prefix) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve(name + ".json");
            Files.writeString(json, toJson());
            Files.writeString(directory.resolve(name + ".adoc"), toAsciidocAttributes(prefix));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reproducibility card " + name + " to " + directory, e);
        }
    }

    /** Reads a card written by {@link #toJson} (flat object of strings, numbers and arrays of numbers). */
    public static Map<String, Object> parse(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        String body = json.trim();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            throw new IllegalArgumentException("a reproducibility card is a JSON object, got: " + abbreviate(body));
        }
        for (String line : body.substring(1, body.length() - 1).split("\n")) {
            String entry = line.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith(",")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            int colon = entry.indexOf("\":");
            if (!entry.startsWith("\"") || colon < 0) {
                throw new IllegalArgumentException("not a card entry (\"key\": value): " + abbreviate(entry));
            }
            out.put(entry.substring(1, colon), parseValue(entry.substring(colon + 2).trim()));
        }
        return out;
    }

    private static Object parseValue(String text) {
        if (text.startsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (text.startsWith("[")) {
            String inner = text.substring(1, text.length() - 1).trim();
            List<Double> numbers = new ArrayList<>();
            for (String part : inner.isEmpty() ? new String[0] : inner.split(",")) {
                numbers.add(Double.parseDouble(part.trim()));
            }
            return numbers.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return Double.parseDouble(text);
    }

    private static String jsonValue(Object value) {
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof double[] array) {
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < array.length; i++) {
                list.append(i == 0 ? "" : ", ").append(format(array[i]));
            }
            return list.append(']').toString();
        }
        return format((Number) value);
    }

    /** Integers as integers, other numbers with 6 significant digits (enough for a card, stable across runs). */
    private static String format(Number n) {
        double v = n.doubleValue();
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e");
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
