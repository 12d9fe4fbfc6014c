package org.gradus;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gradus.types.DType;

/**
 * Engine settings, in the spirit of Theano's {@code THEANO_FLAGS}. Values come from, in order of
 * priority: calls to the setters, the system property {@code gradus.flags}, the environment
 * variable {@code GRADUS_FLAGS} (comma-separated {@code key=value}, e.g.
 * {@code floatX=float32,device=cuda,strict=true}), and the defaults.
 *
 * <p>{@code natives=off} keeps every native library out of the process: matrix products use the pure-Java
 * GEMM instead of OpenBLAS and oneDNN, and backends that need native code (CUDA) report themselves
 * unavailable. It is read once, when the first product or backend probe loads its library, so give it
 * through {@code GRADUS_FLAGS} or {@code -Dgradus.flags}; it is how the fallbacks that a machine
 * without the natives gets are tested on one that has them.
 *
 * <p>Settings are read when graphs are built and functions compiled, never deep inside kernels.
 */
public final class Config {
    private static final Config INSTANCE = new Config();

    private volatile DType floatX = DType.FLOAT64;
    private volatile String device = "cpu";
    private volatile boolean strict = false;
    private volatile boolean natives = true;

    private Config() {
        Map<String, String> flags = parseFlags(System.getenv("GRADUS_FLAGS"));
        flags.putAll(parseFlags(System.getProperty("gradus.flags")));
        flags.forEach(this::set);
    }

    /** The process-wide configuration. */
    public static Config get() {
        return INSTANCE;
    }

    /** Parses {@code key=value,key=value}; blank input gives an empty map. */
    static Map<String, String> parseFlags(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("GRADUS_FLAGS entry '" + p + "' is not of the form key=value");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * Sets one flag by name ({@code floatX}, {@code device}, {@code strict} or {@code natives}); unknown names
     * are an error.
     */
    public Config set(String key, String value) {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "floatx":
                DType d = DType.of(value);
                if (!d.isFloat()) {
                    throw new IllegalArgumentException("floatX must be float32 or float64, not " + value);
                }
                floatX = d;
                break;
            case "device":
                device = value.toLowerCase(Locale.ROOT);
                break;
            case "strict":
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("strict must be true or false, not " + value);
                }
                strict = Boolean.parseBoolean(value);
                break;
            case "natives":
                natives = switch (value.toLowerCase(Locale.ROOT)) {
                    case "on", "true" -> true;
                    case "off", "false" -> false;
                    default -> throw new IllegalArgumentException("natives must be on or off, not " + value);
                };
                break;
            default:
                throw new IllegalArgumentException("unknown Gradus flag '" + key
                        + "'; known flags: floatX, device, strict, natives");
        }
        return this;
    }

    /** The float dtype that {@code T.scalar()}, {@code T.matrix()} and float constants use. */
    public DType floatX() {
        return floatX;
    }

    public Config setFloatX(DType dtype) {
        return set("floatX", dtype.numpyName());
    }

    /** The requested device, {@code cpu} by default. */
    public String device() {
        return device;
    }

    public Config setDevice(String name) {
        return set("device", name);
    }

    /**
     * Whether an unavailable requested device is an error ({@code true}) rather than a fallback to the
     * CPU with a warning ({@code false}, the default).
     */
    public boolean strict() {
        return strict;
    }

    public Config setStrict(boolean value) {
        return set("strict", Boolean.toString(value));
    }

    /**
     * Whether native libraries may be loaded ({@code natives=on}, the default); {@code natives=off} gives the
     * pure-Java paths. Libraries already loaded stay loaded: set it before the first product.
     */
    public boolean natives() {
        return natives;
    }
}
