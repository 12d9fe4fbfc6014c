package org.gradus.lab.remote;

import java.util.List;

/**
 * Which classes a {@link WireReader} may instantiate by name (records, enums). The judge allows only
 * the engine's and lab support's own classes, so a name chosen by lab code can never bring a class of
 * the lab into the judge; anything else is read as {@link RecordData}.
 */
@FunctionalInterface
public interface ClassPolicy {

    /** The class to instantiate, or {@code null} to read the value as data. */
    Class<?> resolve(String className);

    /** The judge's policy: classes of the engine's ops and types and of lab support, from the judge's own class path. */
    static ClassPolicy trustedOnly() {
        List<String> prefixes = List.of("org.gradus.ops.", "org.gradus.types.", "org.gradus.lab.");
        return name -> {
            if (prefixes.stream().noneMatch(name::startsWith) || name.startsWith("org.gradus.lab.remote.")) {
                return null;
            }
            try {
                return Class.forName(name, false, ClassPolicy.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError notOurs) {
                return null;
            }
        };
    }

    /** The runner's policy: any class its class loader finds, the lab's own included. */
    static ClassPolicy anyClass(ClassLoader loader) {
        return name -> {
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException notFound) {
                return null;
            }
        };
    }
}
