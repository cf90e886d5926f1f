package com.claribi.identity;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers a password-hashing thread's scheduling priority to {@link #NICE} (Linux only): under contention the kernel
 * then gives the threads that serve verified requests about nine times a hashing thread's share of a core, while an
 * idle core still hashes at full speed. A login flood thus takes what the other requests leave, not the cores they
 * need. Raising one's own nice value needs no privilege; where it cannot be done (another system, a sandbox refusing
 * {@code setpriority}, no native access) the thread keeps the normal priority and the first failure is logged.
 *
 * <p>The call is {@code setpriority(PRIO_PROCESS, tid, 10)} through JNA, which on Linux sets one thread's nice value;
 * the thread's id is the name {@code /proc/thread-self} links to.
 */
final class HashingThreadPriority {

    /** The nice value of a hashing thread (0 is normal, 19 the lowest). */
    static final int NICE = 10;

    private static final int PRIO_PROCESS = 0;
    private static final Logger log = LoggerFactory.getLogger(HashingThreadPriority.class);
    private static final AtomicBoolean reported = new AtomicBoolean();

    private HashingThreadPriority() {}

    /** Lowers the calling thread's priority; whether it was lowered. */
    static boolean lowerCurrentThread() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            int tid = Integer.parseInt(
                    Path.of("/proc/thread-self").toRealPath().getFileName().toString());
            if (LibC.INSTANCE.setpriority(PRIO_PROCESS, tid, NICE) == 0) {
                return true;
            }
            report("setpriority refused it (errno " + Native.getLastError() + ")");
        } catch (IOException | RuntimeException | LinkageError e) {
            report(e.toString());
        }
        return false;
    }

    private static void report(String reason) {
        if (reported.compareAndSet(false, true)) {
            log.warn("Password hashing runs at normal priority: lowering it failed ({})", reason);
        }
    }

    /** The C library, loaded when the first hashing thread starts. */
    private interface LibC extends Library {

        LibC INSTANCE = Native.load("c", LibC.class);

        int setpriority(int which, int who, int prio);
    }
}
