package org.gradus.lab.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.gradus.lab.NotDoneYet;
import org.gradus.tensor.NDArray;
import org.gradus.tensor.SharedVariable;
import org.gradus.tensor.TensorVariable;

/**
 * The runner: a JVM that executes lab steps for a judge and answers with data only. It reads calls
 * ("class, method, arguments") from standard input and writes one reply per call to standard output;
 * what lab code prints goes to standard error. Each call makes a new instance of the lab class. The
 * runner trusts nothing and is trusted with nothing: the judge checks every answer itself.
 *
 * <p>Started by the grader as {@code java -cp <engine, lab support, lab classes> org.gradus.lab.remote.LabRunner <scratch folder>}.
 */
public final class LabRunner {
    /** The largest call the runner reads. */
    static final int MAX_CALL_BYTES = 512 * 1024 * 1024;
    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_FRAMES = 8;

    private final ClassLoader loader;

    private LabRunner(ClassLoader loader) {
        this.loader = loader;
    }

    public static void main(String... args) throws IOException {
        OutputStream replies = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        InputStream calls = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        Path scratch = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        boolean guarded = RunnerGuard.install(scratch);
        ByteArrayOutputStream ready = Frames.buffer();
        DataOutputStream readyData = new DataOutputStream(ready);
        readyData.writeByte(Replies.READY);
        readyData.writeUTF(Runtime.version().toString());
        readyData.writeBoolean(guarded);
        Frames.write(replies, ready.toByteArray());
        LabRunner runner = new LabRunner(LabRunner.class.getClassLoader());
        while (true) {
            byte[] call = Frames.read(calls, MAX_CALL_BYTES);
            if (call == null) {
                return;
            }
            Frames.write(replies, runner.answer(call));
        }
    }

    /** The reply to one call. */
    byte[] answer(byte[] call) throws IOException {
        VariableTable table = new VariableTable();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(call));
        String className;
        String methodName;
        List<?> args;
        try {
            className = in.readUTF();
            methodName = in.readUTF();
            args = (List<?>) new WireReader(in, table, ClassPolicy.anyClass(loader)).read();
        } catch (RuntimeException | IOException unreadable) {
            return failed("the call could not be read: " + unreadable.getMessage());
        }
        int sentVariables = table.size();
        int sentStreams = table.streams().size();
        Map<SharedVariable, NDArray> before = new IdentityHashMap<>();
        for (TensorVariable v : table.variables()) {
            if (v instanceof SharedVariable s) {
                before.put(s, s.getValue());
            }
        }
        Object result;
        try {
            Class<?> labClass = Class.forName(className, true, loader);
            Method method = find(labClass, methodName, args);
            Object instance = Modifier.isStatic(method.getModifiers()) ? null
                    : labClass.getDeclaredConstructor().newInstance();
            result = method.invoke(instance, args.toArray());
        } catch (InvocationTargetException thrown) {
            return threw(thrown.getCause());
        } catch (ExceptionInInitializerError broken) {
            return threw(broken.getCause() == null ? broken : broken.getCause());
        } catch (ReflectiveOperationException | WireException | LinkageError notFound) {
            return failed(notFound instanceof ClassNotFoundException ? "there is no class " + className
                    : String.valueOf(notFound.getMessage()));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError other) {
            return threw(other);
        }
        ByteArrayOutputStream reply = Frames.buffer();
        DataOutputStream out = new DataOutputStream(reply);
        try {
            out.writeByte(Replies.RETURNED);
            WireWriter writer = new WireWriter(out, table);
            writer.write(result);
            List<Integer> changed = new ArrayList<>();
            for (int id = 0; id < sentVariables; id++) {
                if (table.get(id) instanceof SharedVariable s && !s.getValue().equals(before.get(s))) {
                    changed.add(id);
                }
            }
            out.writeInt(changed.size());
            for (int id : changed) {
                out.writeInt(id);
                writer.write(((SharedVariable) table.get(id)).getValue());
            }
            List<org.gradus.ops.random.RandomStreams> streams = table.streams();
            out.writeInt(sentStreams);
            for (int i = 0; i < sentStreams; i++) {
                writer.writeStream(streams.get(i));
            }
            out.flush();
        } catch (RuntimeException unsendable) {
            return failed("the step returned " + describe(result) + ", which cannot be sent to the grader: "
                    + unsendable.getMessage());
        }
        return reply.toByteArray();
    }

    private static String describe(Object result) {
        return result == null ? "null" : "a " + result.getClass().getSimpleName();
    }

    private static Method find(Class<?> labClass, String name, List<?> args) throws NoSuchMethodException {
        for (Method m : labClass.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != args.size()) {
                continue;
            }
            Class<?>[] types = m.getParameterTypes();
            boolean fits = true;
            for (int i = 0; i < types.length && fits; i++) {
                fits = Conversions.fits(types[i], args.get(i));
            }
            if (fits) {
                return m;
            }
        }
        throw new NoSuchMethodException(labClass.getSimpleName() + " has no public method " + name + " taking "
                + args.size() + " arguments of the kinds the grader passes; keep the skeleton's signature");
    }

    private static byte[] failed(String why) throws IOException {
        ByteArrayOutputStream reply = Frames.buffer();
        DataOutputStream out = new DataOutputStream(reply);
        out.writeByte(Replies.FAILED);
        out.writeUTF(WireWriter.cut(why, MAX_MESSAGE));
        return reply.toByteArray();
    }

    private static byte[] threw(Throwable thrown) throws IOException {
        ByteArrayOutputStream reply = Frames.buffer();
        DataOutputStream out = new DataOutputStream(reply);
        if (thrown instanceof NotDoneYet notDone) {
            out.writeByte(Replies.NOT_DONE);
            out.writeUTF(WireWriter.cut(String.valueOf(notDone.getMessage()), MAX_MESSAGE));
            return reply.toByteArray();
        }
        out.writeByte(Replies.THREW);
        out.writeUTF(thrown.getClass().getName());
        out.writeUTF(WireWriter.cut(String.valueOf(thrown.getMessage()), MAX_MESSAGE));
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("org.gradus.labs.") && frames.size() < MAX_FRAMES) {
                String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                frames.add(frame.getFileName() + ":" + frame.getLineNumber() + " (" + simple + "." + frame.getMethodName() + ")");
            }
        }
        out.writeInt(frames.size());
        for (String frame : frames) {
            out.writeUTF(WireWriter.cut(frame, 300));
        }
        return reply.toByteArray();
    }
}
