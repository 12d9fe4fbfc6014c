package org.gradus.grading.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the runner is kept apart from the judge by the operating system. Where the judge runs as root
 * on Linux (Gradescope's container), the runner runs as the unprivileged user {@value #DEFAULT_USER}
 * (created by {@code setup.sh}) in a PID namespace of its own: it cannot write the class path, the
 * grader's files or the results folder, and when the judge kills it, every process it started dies
 * with it. Elsewhere (a student's own machine) the runner is a plain child process, and the results
 * say so.
 *
 * @param prefix      the command words that start the runner isolated (empty when it is not)
 * @param description one sentence for the results, saying which isolation was in force
 */
record Isolation(List<String> prefix, String description, boolean separateUser) {
    static final String DEFAULT_USER = "gradus-runner";
    /** Names the runner's user; {@code none} turns the separate user off. */
    static final String USER_PROPERTY = "gradus.runner.user";

    static Isolation detect() {
        String user = System.getProperty(USER_PROPERTY, DEFAULT_USER);
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (!linux || user.equals("none") || !"root".equals(System.getProperty("user.name"))) {
            return new Isolation(List.of(), "Self-assessment: lab code ran in a separate JVM as your own user"
                    + " (no operating-system isolation); the judge checked every answer itself.", false);
        }
        Optional<String> uid = idOf(user, "-u");
        Optional<String> gid = idOf(user, "-g");
        Optional<Path> unshare = onPath("unshare");
        Optional<Path> setpriv = onPath("setpriv");
        if (uid.isEmpty() || gid.isEmpty() || unshare.isEmpty() || setpriv.isEmpty()) {
            return new Isolation(List.of(), "Warning: the runner could not be isolated (user " + user
                    + (uid.isEmpty() ? " missing" : " present") + ", unshare " + (unshare.isPresent() ? "present" : "missing")
                    + ", setpriv " + (setpriv.isPresent() ? "present" : "missing")
                    + "); lab code ran as the grader's user. Run setup.sh to create the runner's user.", false);
        }
        List<String> prefix = new ArrayList<>(List.of(unshare.get().toString(), "--pid", "--fork", "--kill-child",
                "--mount-proc", setpriv.get().toString(), "--reuid=" + uid.get(), "--regid=" + gid.get(),
                "--clear-groups", "--"));
        return new Isolation(prefix, "Lab code ran as the unprivileged user " + user
                + " in a PID namespace of its own, killed before these results were written.", true);
    }

    private static Optional<String> idOf(String user, String flag) {
        try {
            Process id = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes()).strip();
            return id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 && out.matches("[0-9]+")
                    ? Optional.of(out) : Optional.empty();
        } catch (IOException | InterruptedException unavailable) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
