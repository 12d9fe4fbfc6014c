package org.gradus.lab.remote;

import java.io.FilePermission;
import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;

/**
 * Defence in depth inside the runner, where the JVM still has a SecurityManager (JDK 17 to 23): lab
 * code may not start processes, open sockets, write files outside the runner's scratch folder, or
 * remove the guard. The verdict never depends on it: the judge believes no answer of the runner, and
 * the operating system's isolation (another user, another process group) comes first.
 */
@SuppressWarnings("removal")
final class RunnerGuard extends SecurityManager {
    private final String scratch;

    private RunnerGuard(Path scratch) {
        this.scratch = scratch.toAbsolutePath().normalize().toString();
    }

    /** Installs the guard; false where this JVM has no SecurityManager to install. */
    static boolean install(Path scratch) {
        try {
            System.setSecurityManager(new RunnerGuard(scratch));
            return true;
        } catch (UnsupportedOperationException | SecurityException unavailable) {
            return false;
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        if (permission instanceof FilePermission file) {
            String actions = file.getActions();
            if (actions.contains("execute")) {
                throw new SecurityException("lab code may not start programs");
            }
            if ((actions.contains("write") || actions.contains("delete")) && !insideScratch(file.getName())) {
                throw new SecurityException("lab code may not write " + file.getName());
            }
        } else if (permission instanceof SocketPermission socket && !socket.getActions().equals("resolve")) {
            throw new SecurityException("lab code may not open network connections");
        } else if (permission instanceof RuntimePermission runtime
                && (runtime.getName().equals("setSecurityManager") || runtime.getName().equals("createSecurityManager"))) {
            throw new SecurityException("lab code may not replace the runner's guard");
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    private boolean insideScratch(String name) {
        String path = Path.of(name).toAbsolutePath().normalize().toString();
        return path.equals(scratch) || path.startsWith(scratch + java.io.File.separator);
    }
}
