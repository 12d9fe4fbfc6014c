package org.gradus.backend.cpu.codegen;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Turns {@link LoopSource}s into loaded {@link FusedLoop} classes with the JDK's compiler
 * ({@link ToolProvider#getSystemJavaCompiler()}), in memory, all sources of a function in one
 * compiler call. Classes are cached in memory (per process) and on disk ({@link DiskCache}) by the
 * hash in their name, so a loop compiled once, by any process, is only loaded afterwards.
 *
 * <p>On a bare JRE there is no compiler: {@link #available()} is false, {@link #load} returns no
 * loops, and one warning is logged for the whole process.
 */
public final class LoopCompiler {
    private static final System.Logger LOG = System.getLogger(LoopCompiler.class.getName());
    private static final LoopCompiler SHARED = new LoopCompiler(DiskCache.standard());

    private final DiskCache disk;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final Map<String, Class<? extends FusedLoop>> loaded = new ConcurrentHashMap<>();
    private volatile boolean warned;
    private volatile long lastCompileNanos;
    private volatile int compiledSources;

    LoopCompiler(DiskCache disk) {
        this.disk = disk;
    }

    /** The process-wide compiler and cache. */
    public static LoopCompiler shared() {
        return SHARED;
    }

    /** Whether a Java compiler is present and generated loops are enabled ({@code -Dgradus.codegen=false} turns them off). */
    public boolean available() {
        return javac != null && !"false".equalsIgnoreCase(System.getProperty("gradus.codegen"));
    }

    /**
     * Whether new loops are written with the Vector API: the JVM was started with
     * {@code --add-modules jdk.incubator.vector} and {@code -Dgradus.vector=false} is not set.
     */
    public static boolean vectorLoops() {
        return VectorLoopBody.enabled();
    }

    /** Milliseconds spent in the last compiler call (0 when every loop came from a cache). */
    public double lastCompileMillis() {
        return lastCompileNanos / 1e6;
    }

    /** How many sources the process has compiled with javac (cache hits excluded). */
    public int compiledSources() {
        return compiledSources;
    }

    /** The folder of the disk cache. */
    public java.nio.file.Path cacheFolder() {
        return disk.folder();
    }

    /**
     * One new loop instance per source, in order; an empty list when no compiler is present or the
     * compilation failed (each logged once), so that callers fall back to the interpreter.
     */
    public List<FusedLoop> load(List<LoopSource> sources) {
        if (sources.isEmpty() || "false".equalsIgnoreCase(System.getProperty("gradus.codegen"))) {
            return List.of();
        }
        if (javac == null) {
            warnOnce("no Java compiler in this runtime (a JRE, not a JDK): fused elementwise loops run interpreted, "
                    + "several times slower. Run Gradus on a JDK for generated loops.");
            return List.of();
        }
        try {
            Map<String, LoopSource> missing = new LinkedHashMap<>();
            Map<String, byte[]> fromDisk = new HashMap<>();
            for (LoopSource s : sources) {
                if (!loaded.containsKey(s.className()) && !missing.containsKey(s.className())) {
                    byte[] bytes = disk.read(s.className());
                    if (bytes != null) {
                        fromDisk.put(s.qualifiedName(), bytes);
                    } else {
                        missing.put(s.className(), s);
                    }
                }
            }
            Map<String, byte[]> classes = new HashMap<>(fromDisk);
            lastCompileNanos = 0;
            if (!missing.isEmpty()) {
                Map<String, byte[]> compiled = compile(new ArrayList<>(missing.values()));
                for (LoopSource s : missing.values()) {
                    disk.write(s.className(), compiled.get(s.qualifiedName()), s.source());
                }
                classes.putAll(compiled);
            }
            define(classes);
            List<FusedLoop> loops = new ArrayList<>();
            for (LoopSource s : sources) {
                loops.add(loaded.get(s.className()).getDeclaredConstructor().newInstance());
            }
            return loops;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            warnOnce("generated loops could not be compiled or loaded (" + e + "); fused loops run interpreted");
            return List.of();
        }
    }

    private synchronized Map<String, byte[]> compile(List<LoopSource> sources) {
        long t0 = System.nanoTime();
        List<JavaFileObject> units = new ArrayList<>();
        for (LoopSource s : sources) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + s.className() + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.source();
                }
            });
        }
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<String> options = new ArrayList<>(List.of("-classpath", classPath(), "-proc:none", "-g:none", "-nowarn",
                "-implicit:none"));
        options.addAll(VectorLoopBody.compilerOptions());
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, memory, diagnostics, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("javac rejected a generated loop: " + diagnostics.getDiagnostics() + log);
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        lastCompileNanos = System.nanoTime() - t0;
        compiledSources += sources.size();
        return classes;
    }

    /** Where {@link FusedLoop} comes from, then the process class path. */
    private static String classPath() {
        String own;
        try {
            own = new File(FusedLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception | LinkageError e) {
            own = "";
        }
        return own + File.pathSeparator + System.getProperty("java.class.path", "");
    }

    private void define(Map<String, byte[]> classes) {
        if (classes.isEmpty()) {
            return;
        }
        ClassLoader loader = new ClassLoader(FusedLoop.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        for (String name : classes.keySet()) {
            try {
                Class<? extends FusedLoop> c = Class.forName(name, true, loader).asSubclass(FusedLoop.class);
                loaded.putIfAbsent(c.getSimpleName(), c);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("generated class " + name + " vanished", e);
            }
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }
}
