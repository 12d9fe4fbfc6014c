package org.gradus.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.gradus.Config;

/**
 * Finds the backends on the class path and chooses the one that {@link Config#device()} asks for.
 *
 * <p>Rules, in the spirit of Theano's {@code device=} flag:
 * <ul>
 *   <li>{@code cpu} (the default) is always the {@link CpuBackend};</li>
 *   <li>another name picks the registered backend of that name when it is available;</li>
 *   <li>when it is not registered or not available, the CPU runs instead and one warning says why
 *       (logged once per distinct message on the {@code org.gradus.backend} logger), or, with
 *       {@link Config#strict()}, a {@link BackendUnavailableException} is thrown.</li>
 * </ul>
 * A backend whose class cannot even be loaded (a broken jar) is skipped with a warning; no
 * {@link LinkageError} ever reaches the caller.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("org.gradus.backend");
    private static final Set<String> WARNED = Collections.synchronizedSet(new LinkedHashSet<>());
    private static volatile List<Backend> registered;

    private Backends() {
    }

    /** The CPU backend followed by every backend registered through {@link ServiceLoader}. */
    public static List<Backend> registered() {
        List<Backend> all = registered;
        if (all == null) {
            synchronized (Backends.class) {
                if (registered == null) {
                    registered = List.copyOf(load());
                }
                all = registered;
            }
        }
        return all;
    }

    private static List<Backend> load() {
        List<Backend> out = new ArrayList<>();
        out.add(new CpuBackend());
        var providers = ServiceLoader.load(Backend.class, Backend.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                Backend b = providers.next();
                if (!b.name().equals(CpuBackend.NAME)) {
                    out.add(b);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                warnOnce("a registered Gradus backend could not be loaded and is skipped: "
                        + firstLine(e.getMessage()));
            }
        }
        return out;
    }

    /** The registered backend of this name, available or not. */
    public static Optional<Backend> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return registered().stream().filter(b -> b.name().equals(wanted)).findFirst();
    }

    /**
     * Chooses the backend for {@code device}. Returns the CPU with a fallback warning when the device
     * is not registered or not available, unless {@code strict}, in which case it throws
     * {@link BackendUnavailableException} with the same message. Logs nothing.
     */
    public static BackendSelection select(String device, boolean strict) {
        String wanted = device.toLowerCase(Locale.ROOT);
        Backend cpu = registered().get(0);
        if (wanted.equals(CpuBackend.NAME)) {
            return new BackendSelection(wanted, cpu, Optional.empty());
        }
        Optional<Backend> found = find(wanted);
        String problem;
        if (found.isEmpty()) {
            problem = "no '" + wanted + "' backend on the class path (registered: " + names()
                    + (wanted.equals("cuda") ? "; add the gradus-gpu jar and its JCuda dependencies" : "") + ")";
        } else {
            Availability a = found.get().availability();
            if (a.available()) {
                return new BackendSelection(wanted, found.get(), Optional.empty());
            }
            problem = "the " + wanted + " backend is unavailable: " + a.reason();
        }
        if (strict) {
            throw new BackendUnavailableException("device=" + wanted + " was requested in strict mode, but "
                    + problem);
        }
        return new BackendSelection(wanted, cpu, Optional.of("device=" + wanted + " was requested, but "
                + problem + "; running on the CPU instead (set strict=true to make this an error)"));
    }

    /**
     * The backend for the current {@link Config}: {@link #select} with its device and strict flag,
     * logging a fallback warning the first time it occurs.
     */
    public static Backend current() {
        return current(null);
    }

    /**
     * The backend for {@code device}, or for {@link Config#device()} when it is null, with the
     * configured strict flag; logs a fallback warning the first time it occurs.
     */
    public static Backend current(String device) {
        Config config = Config.get();
        BackendSelection s = select(device == null ? config.device() : device, config.strict());
        s.fallbackWarning().ifPresent(Backends::warnOnce);
        return s.backend();
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (Backend b : registered()) {
            names.add(b.name());
        }
        return String.join(", ", names);
    }

    private static void warnOnce(String message) {
        if (WARNED.add(message)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
