package org.gradus.grading;

import java.io.FilePermission;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * While grading runs, blocks {@code System.exit}, removal of this guard, and writes to the grading
 * output folders by any code but the grader's own writer. It uses a {@link SecurityManager}: deprecated
 * since JDK 17 but working there (JDK 17 prints a one-line warning); on a JDK without one the guard is
 * simply off, and the results file that {@link GradingListener} writes before the first test still
 * reports every step that never ran.
 */
@SuppressWarnings("removal")
final class ExitGuard {
    private static final ThreadLocal<Boolean> TRUSTED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final List<Path> PROTECTED = new ArrayList<>();
    private static int holders;
    private static SecurityManager previous;
    private static GradingSecurityManager installed;

    private ExitGuard() {
    }

    /** Starts guarding (nested calls count); {@code outputFolder} becomes writable only by the grader. */
    static synchronized boolean engage(Path outputFolder) {
        PROTECTED.add(outputFolder.toAbsolutePath().normalize());
        if (holders++ > 0) {
            return installed != null;
        }
        try {
            previous = System.getSecurityManager();
            installed = new GradingSecurityManager();
            System.setSecurityManager(installed);
        } catch (UnsupportedOperationException | SecurityException noSecurityManager) {
            installed = null;
        }
        return installed != null;
    }

    /** Ends one {@link #engage(Path)}; the last one removes the guard. */
    static synchronized void release(Path outputFolder) {
        PROTECTED.remove(outputFolder.toAbsolutePath().normalize());
        if (--holders > 0 || installed == null) {
            return;
        }
        runTrusted(() -> {
            System.setSecurityManager(previous);
            return null;
        });
        installed = null;
    }

    /** Runs the grader's own action (writing results, removing the guard) past the guard. */
    static <T> T runTrusted(Callable<T> action) {
        boolean wasTrusted = TRUSTED.get();
        TRUSTED.set(Boolean.TRUE);
        try {
            return action.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            TRUSTED.set(wasTrusted);
        }
    }

    private static synchronized boolean isProtected(String fileName) {
        try {
            Path path = Path.of(fileName).toAbsolutePath().normalize();
            return PROTECTED.stream().anyMatch(path::startsWith);
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }

    /** Refuses exits and foreign writes to the grading folder; allows everything else. */
    private static final class GradingSecurityManager extends SecurityManager {
        @Override
        public void checkExit(int status) {
            if (!TRUSTED.get()) {
                throw new ExitAttempted(status);
            }
        }

        @Override
        public void checkPermission(Permission permission) {
            if (TRUSTED.get()) {
                return;
            }
            if (permission instanceof RuntimePermission && "setSecurityManager".equals(permission.getName())) {
                throw new SecurityException("the grading guard cannot be removed while grading runs");
            }
            if (permission instanceof FilePermission && isWriteOrDelete(permission.getActions())
                    && isProtected(permission.getName())) {
                throw new SecurityException("only the grader writes to " + permission.getName());
            }
        }

        @Override
        public void checkPermission(Permission permission, Object context) {
            checkPermission(permission);
        }

        private static boolean isWriteOrDelete(String actions) {
            return actions.contains("write") || actions.contains("delete");
        }
    }
}
