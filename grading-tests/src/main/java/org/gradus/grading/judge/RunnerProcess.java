package org.gradus.grading.judge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gradus.lab.remote.Frames;

/**
 * One runner JVM: started with the lab's classes, asked over a pipe, killed with its whole process
 * tree. Replies are read on a thread of their own, so a call can wait with a deadline; what the lab
 * prints is kept (the last few kilobytes) to explain a runner that died.
 */
final class RunnerProcess implements AutoCloseable {
    /** The largest reply the judge reads. */
    static final int MAX_REPLY_BYTES = 256 * 1024 * 1024;
    private static final int KEPT_OUTPUT = 4096;
    private static final Object END = new Object();

    private final Process process;
    private final OutputStream calls;
    private final BlockingQueue<Object> replies = new ArrayBlockingQueue<>(4);
    private final StringBuilder output = new StringBuilder();

    private RunnerProcess(Process process) {
        this.process = process;
        this.calls = new BufferedOutputStream(process.getOutputStream());
        Thread reader = new Thread(this::readReplies, "runner replies");
        reader.setDaemon(true);
        reader.start();
        Thread drain = new Thread(this::drainOutput, "runner output");
        drain.setDaemon(true);
        drain.start();
    }

    static RunnerProcess start(List<String> command, java.nio.file.Path workingDirectory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        // the runner learns nothing from the judge's environment (where results go, tokens, paths)
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("LANG", "C.UTF-8");
        String flags = System.getenv("GRADUS_FLAGS");
        if (flags != null) {
            builder.environment().put("GRADUS_FLAGS", flags);  // the engine's settings (floatX, natives=off)
        }
        return new RunnerProcess(builder.start());
    }

    /** Sends a call and waits for its reply until {@code deadlineNanos}; null when the time is up. */
    byte[] call(byte[] message, long deadlineNanos) throws IOException, RunnerEnded {
        Frames.write(calls, message);
        return await(deadlineNanos);
    }

    /** Waits for the next reply until {@code deadlineNanos}; null when the time is up. */
    byte[] await(long deadlineNanos) throws RunnerEnded {
        Object reply;
        try {
            reply = replies.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (reply == null) {
            return null;
        }
        if (reply instanceof byte[] bytes) {
            return bytes;
        }
        throw new RunnerEnded(reply instanceof String why ? why : "the runner ended");
    }

    private void readReplies() {
        InputStream in = new BufferedInputStream(process.getInputStream());
        try {
            while (true) {
                byte[] reply = Frames.read(in, MAX_REPLY_BYTES);
                if (reply == null) {
                    replies.put(END);
                    return;
                }
                replies.put(reply);
            }
        } catch (IOException | RuntimeException unreadable) {
            try {
                replies.put("its answer could not be read (" + unreadable.getMessage() + ")");
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainOutput() {
        byte[] buffer = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                synchronized (output) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (output.length() > 2 * KEPT_OUTPUT) {
                        output.delete(0, output.length() - KEPT_OUTPUT);
                    }
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    /** The last lines the lab code printed, at most a few kilobytes. */
    String lastOutput() {
        synchronized (output) {
            String text = output.length() > KEPT_OUTPUT ? output.substring(output.length() - KEPT_OUTPUT) : output.toString();
            return text.strip();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the runner and every process it started that is still its descendant, and waits for them. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // nothing more can be done from here
            }
        }
        try {
            calls.close();
        } catch (IOException alreadyClosed) {
            // the pipe is gone with the process
        }
    }

    /** The runner's process ended (or sent something unreadable) while the judge waited for a reply. */
    static final class RunnerEnded extends Exception {
        private static final long serialVersionUID = 1L;

        RunnerEnded(String why) {
            super(why);
        }
    }
}
