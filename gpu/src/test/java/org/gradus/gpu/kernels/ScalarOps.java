package org.gradus.gpu.kernels;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gradus.ops.scalar.Add;
import org.gradus.ops.scalar.ScalarOp;
import org.gradus.types.DType;

/**
 * Every scalar op record of the engine, found by listing {@code org/gradus/ops/scalar} on the class
 * path, so that a new op is covered without editing this test. Records whose components are all
 * dtypes (like {@code Cast}) are instantiated once per float and integer dtype.
 */
final class ScalarOps {
    private ScalarOps() {
    }

    static List<ScalarOp> all() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path location = Path.of(Add.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        // the engine is a classes directory under Maven and a jar under gpu/run-gpu-suite.sh
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
             Stream<Path> files = Files.list((jar == null ? location : jar.getPath("/")).resolve("org/gradus/ops/scalar"))) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .sorted().toList();
        }
        List<ScalarOp> ops = new ArrayList<>();
        for (String file : names) {
            Class<?> c = Class.forName("org.gradus.ops.scalar." + file.replace(".class", ""));
            if (!c.isRecord() || !ScalarOp.class.isAssignableFrom(c)) {
                continue;
            }
            RecordComponent[] parts = c.getRecordComponents();
            if (parts.length == 0) {
                ops.add((ScalarOp) c.getDeclaredConstructor().newInstance());
            } else if (parts.length == 1 && parts[0].getType() == DType.class) {
                for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.BOOL}) {
                    ops.add((ScalarOp) c.getDeclaredConstructor(DType.class).newInstance(d));
                }
            } else {
                throw new IllegalStateException("don't know how to instantiate the scalar op " + c.getName());
            }
        }
        return ops;
    }
}
