package org.gradus.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How many hidden tests each lab has, and their points, read from the class-path resource
 * {@value #RESOURCE} ({@code lab.<n>.tests} and {@code lab.<n>.points}). Students' copies hold this
 * file but not the hidden tests, so a student run can say what it did not run.
 */
record HiddenTestsManifest(Map<Integer, Count> byLab) {
    /** The class-path location of the manifest. */
    static final String RESOURCE = "grading/hidden-tests.properties";

    /** Hidden tests of one lab. */
    record Count(int tests, double points) {
    }

    /** Reads the manifest; no file means no hidden tests. */
    static HiddenTestsManifest load(ClassLoader loader) {
        Map<Integer, Count> byLab = new TreeMap<>();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new HiddenTestsManifest(byLab);
            }
            Properties properties = new Properties();
            properties.load(in);
            for (String key : properties.stringPropertyNames()) {
                if (key.matches("lab\\.[0-9]+\\.tests")) {
                    String lab = key.substring(4, key.length() - ".tests".length());
                    byLab.put(Integer.parseInt(lab), new Count(Integer.parseInt(properties.getProperty(key).strip()),
                            Double.parseDouble(properties.getProperty("lab." + lab + ".points", "0").strip())));
                }
            }
            return new HiddenTestsManifest(byLab);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RESOURCE + " holds a value that is not a number: " + e.getMessage(), e);
        }
    }

    /** The hidden tests of one lab, or of all labs when {@code lab} is null. */
    Count count(Integer lab) {
        return byLab.entrySet().stream()
                .filter(entry -> lab == null || entry.getKey().equals(lab))
                .map(Map.Entry::getValue)
                .reduce(new Count(0, 0), (a, b) -> new Count(a.tests() + b.tests(), a.points() + b.points()));
    }
}
