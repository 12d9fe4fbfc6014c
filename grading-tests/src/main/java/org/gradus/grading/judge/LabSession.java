package org.gradus.grading.judge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradus.grading.StudentCodeFailure;
import org.gradus.lab.remote.ClassPolicy;
import org.gradus.lab.remote.Replies;
import org.gradus.lab.remote.VariableTable;
import org.gradus.lab.remote.WireException;
import org.gradus.lab.remote.WireReader;
import org.gradus.lab.remote.WireWriter;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;

/**
 * The judge's side of one lab: the grading tests call the lab's steps through it, and it never loads
 * a class of the lab. Each call is sent to a runner JVM (started on first use with the lab's freshly
 * compiled classes), and what comes back is rebuilt in the judge's own engine: graphs node by node
 * with the engine's type inference, functions compiled again from their spec, records of the lab as
 * {@link org.gradus.lab.remote.RecordData}. Shared variables sent along keep their identity: their
 * new values come back and are set on the judge's own objects.
 *
 * <p>A call that does not finish by the current test's deadline kills the runner (with every process
 * it started); the next call starts a fresh one, so later steps are still graded.
 */
public final class LabSession {
    private static final Map<Integer, LabSession> SESSIONS = new HashMap<>();
    private static volatile long budgetNanos = 30_000_000_000L;
    private static volatile long spentNanos;
    private static volatile int budgetSeconds = 30;
    private static volatile String unguardedJava;

    private final int lab;
    private final RunnerSetup setup;
    private LabCompiler.Compiled compiled;
    private RunnerProcess runner;

    private LabSession(int lab, RunnerSetup setup) {
        this.lab = lab;
        this.setup = setup;
    }

    /** The session of lab {@code lab}. */
    public static synchronized LabSession of(int lab) {
        return SESSIONS.computeIfAbsent(lab, n -> new LabSession(n, RunnerSetup.get()));
    }

    /**
     * Sets the time the lab code has for all calls of the running test together. Compiling the lab and
     * starting a runner do not count: only the time the runner spends on the calls.
     */
    public static void deadline(int seconds) {
        budgetSeconds = seconds;
        budgetNanos = seconds * 1_000_000_000L;
        spentNanos = 0;
    }

    /** Stops every runner; the grading listener calls this before it writes the final results. */
    public static synchronized void closeAll() {
        for (LabSession session : SESSIONS.values()) {
            session.stopRunner();
        }
    }

    /**
     * For the grader's own tests, which grade fixture labs inside a real grading run: sets the
     * sessions, deadline and setup of that run aside, so the next session reads its setup
     * ({@code gradus.labs.source}, {@code gradus.judge.dir}, {@code gradus.runner.*}) from the system
     * properties again. Closing the scope stops the fixture's runners and puts the run's state back.
     */
    public static synchronized TestScope testScope() {
        Map<Integer, LabSession> saved = new HashMap<>(SESSIONS);
        long savedBudget = budgetNanos;
        long savedSpent = spentNanos;
        int savedSeconds = budgetSeconds;
        RunnerSetup savedSetup = RunnerSetup.replace(null);
        SESSIONS.clear();
        deadline(30);
        return () -> {
            synchronized (LabSession.class) {
                closeAll();
                SESSIONS.clear();
                SESSIONS.putAll(saved);
                budgetNanos = savedBudget;
                spentNanos = savedSpent;
                budgetSeconds = savedSeconds;
                RunnerSetup.replace(savedSetup);
            }
        };
    }

    /** What {@link #testScope()} returns: closing it ends the fixture's sessions. */
    public interface TestScope extends AutoCloseable {
        @Override
        void close();
    }

    /** Compilation problems of the labs compiled so far, by lab. */
    public static synchronized Map<Integer, String> compilationErrors() {
        Map<Integer, String> errors = new java.util.TreeMap<>();
        SESSIONS.forEach((n, s) -> {
            if (s.compiled != null && !s.compiled.ok()) {
                errors.put(n, s.compiled.errors());
            }
        });
        return errors;
    }

    /**
     * A warning for the results when lab code ran with neither the operating system's isolation nor a
     * SecurityManager (JDK 24 and later have none); empty otherwise.
     */
    public static java.util.Optional<String> guardNote() {
        String version = unguardedJava;
        if (version == null || RunnerSetup.get().isolation().separateUser()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Warning: lab code ran on Java " + version + " without a SecurityManager and"
                + " without operating-system isolation; the judge still checked every answer itself, but only the"
                + " Gradescope flow (as root, with the user gradus-runner) keeps lab code from the grader's files.");
    }

    /** One sentence on how the lab code was isolated, for the results. */
    public static String isolationNote() {
        return RunnerSetup.get().isolation().description();
    }

    /**
     * Compiles the lab and starts its runner ahead of the first call, for a test class's {@code @BeforeAll},
     * so that the first graded test's time limit is not spent on them. Never fails: a lab that does not
     * compile, or a runner that does not start, is reported by the first call as usual.
     */
    public synchronized void prepare() {
        try {
            ensureCompiled();
            runner();
        } catch (RuntimeException | IOException | RunnerProcess.RunnerEnded reportedByTheFirstCall) {
            stopRunner();
        }
    }

    /** Calls {@code method} of the lab class {@code simpleClassName} (in {@code org.gradus.labs.labN}) and expects a {@code type}. */
    public <V> V call(Class<V> type, String simpleClassName, String method, Object... args) {
        Object value = call(simpleClassName, method, args);
        if (value != null && !type.isInstance(value)) {
            throw new StudentCodeFailure(simpleClassName + "." + method + " returned a " + value.getClass().getSimpleName()
                    + " where a " + type.getSimpleName() + " was expected.", null);
        }
        return type.cast(value);
    }

    /** Calls {@code method} of the lab class {@code simpleClassName}; lab records come back as {@code RecordData}. */
    public synchronized Object call(String simpleClassName, String method, Object... args) {
        ensureCompiled();
        String className = "org.gradus.labs.lab" + lab + "." + simpleClassName;
        VariableTable table = new VariableTable();
        byte[] request;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(className);
            out.writeUTF(method);
            new WireWriter(out, table).write(Arrays.asList(args));
            out.flush();
            request = bytes.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        int sent = table.size();
        List<org.gradus.ops.random.RandomStreams> sentStreams = table.streams();
        byte[] reply = exchange(request, simpleClassName + "." + method);
        try {
            return readReply(reply, table, sent, sentStreams, simpleClassName + "." + method);
        } catch (StudentCodeFailure | StepNotDone reported) {
            throw reported;
        } catch (IOException | RuntimeException unreadable) {
            stopRunner();
            throw new StudentCodeFailure("The answer of " + simpleClassName + "." + method
                    + " could not be rebuilt by the grader: " + unreadable.getMessage(), null);
        }
    }

    private Object readReply(byte[] reply, VariableTable table, int sent,
            List<org.gradus.ops.random.RandomStreams> sentStreams, String what) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(reply));
        byte status = in.readByte();
        switch (status) {
            case Replies.RETURNED: {
                WireReader reader = new WireReader(in, table, ClassPolicy.trustedOnly());
                Object value = reader.read();
                int changed = in.readInt();
                for (int i = 0; i < changed; i++) {
                    int id = in.readInt();
                    Object newValue = reader.read();
                    if (id < 0 || id >= sent || !(table.variables().get(id) instanceof SharedVariable shared)
                            || !(newValue instanceof NDArray array)) {
                        throw new WireException("a changed shared value names variable " + id + ", which was not sent");
                    }
                    shared.setValue(array);
                }
                int streams = in.readInt();
                if (streams != sentStreams.size()) {
                    throw new WireException(streams + " random streams came back where " + sentStreams.size()
                            + " were sent");
                }
                for (org.gradus.ops.random.RandomStreams stream : sentStreams) {
                    // the states the step created come back (a mask drawn from a stream passed in is
                    // built on a state this stream now lists, as in one JVM)
                    reader.readStreamInto(stream);
                }
                return value;
            }
            case Replies.NOT_DONE:
                throw new StepNotDone(in.readUTF());
            case Replies.THREW: {
                String type = in.readUTF();
                String message = in.readUTF();
                List<String> frames = new ArrayList<>();
                int n = Math.min(in.readInt(), 8);
                for (int i = 0; i < n; i++) {
                    frames.add(in.readUTF());
                }
                if (type.startsWith("java.lang.") && type.endsWith("Error")) {
                    stopRunner();
                }
                throw new StudentCodeFailure(Feedback.threw(type, message, frames), null);
            }
            case Replies.FAILED:
                throw new StudentCodeFailure("The grader could not run " + what + ": " + in.readUTF(), null);
            default:
                throw new WireException("unknown reply " + status);
        }
    }

    private byte[] exchange(byte[] request, String what) {
        try {
            RunnerProcess process = runner();
            long start = System.nanoTime();
            byte[] reply = process.call(request, start + Math.max(0, budgetNanos - spentNanos));
            spentNanos += System.nanoTime() - start;
            if (reply == null) {
                stopRunner();
                throw new StudentCodeFailure("Your code did not finish within " + budgetSeconds + " s ("
                        + what + "): an endless loop, or a loop that never reaches its exit condition?", null);
            }
            return reply;
        } catch (RunnerProcess.RunnerEnded ended) {
            String printed = runner == null ? "" : runner.lastOutput();
            stopRunner();
            throw new StudentCodeFailure("The JVM running your code ended during " + what + " (" + ended.getMessage()
                    + "): System.exit, a crash, or more memory than the grader allows (" + setup.heap() + ")."
                    + Feedback.printed(printed), null);
        } catch (IOException broken) {
            stopRunner();
            throw new StudentCodeFailure("The JVM running your code stopped answering during " + what + ".", null);
        }
    }

    private RunnerProcess runner() throws IOException, RunnerProcess.RunnerEnded {
        if (runner != null && runner.isAlive()) {
            return runner;
        }
        stopRunner();
        runner = setup.start(lab, compiled.classes());
        byte[] ready = runner.await(System.nanoTime() + 60_000_000_000L);
        if (ready == null || ready.length == 0 || ready[0] != Replies.READY) {
            String printed = runner.lastOutput();
            stopRunner();
            throw new StudentCodeFailure("The JVM for your lab " + lab + " code did not start (a static initializer"
                    + " that never ends?)." + Feedback.printed(printed), null);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(ready, 1, ready.length - 1))) {
            String version = in.readUTF();
            if (!in.readBoolean()) {
                unguardedJava = version;
            }
        } catch (IOException unreadable) {
            unguardedJava = "an unknown version";
        }
        return runner;
    }

    private void ensureCompiled() {
        if (compiled == null) {
            Path output = setup.workFolder().resolve("lab" + lab + "-classes");
            try {
                if (Files.exists(output)) {
                    try (var walk = Files.walk(output)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            } catch (IOException cannotClean) {
                throw new UncheckedIOException(cannotClean);
            }
            compiled = LabCompiler.compile(setup.sourceRoot(), lab, setup.compileClassPath(), output);
        }
        if (!compiled.ok()) {
            throw new StudentCodeFailure("Lab " + lab + " does not compile, so its steps cannot be graded. Fix the"
                    + " compiler's errors first:\n" + compiled.errors(), null);
        }
    }

    private void stopRunner() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
    }

    /** A step that still throws {@code NotDoneYet}: its own message, which names the lab and step. */
    public static final class StepNotDone extends AssertionError {
        private static final long serialVersionUID = 1L;

        StepNotDone(String message) {
            super("Not done yet — " + message);
        }
    }
}
