package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.platform.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PasswordHashingUnitTests {

    @Test
    void hashIsArgon2idWithAtLeastOwaspParameters() {
        PasswordHashing hashing = new PasswordHashing(new PasswordHashing.Settings(19456, 2, 1, 8));
        String hash = hashing.hash("correct horse battery staple").join();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hashing.verify("correct horse battery staple", hash).join())
                .isEqualTo(new PasswordHashing.Verification(true, false));
        assertThat(hashing.verify("wrong horse battery staple", hash).join().matches())
                .isFalse();
    }

    @Test
    void verifyWhenNoUserThenNeverMatches() {
        PasswordHashing hashing = new PasswordHashing(new PasswordHashing.Settings(19456, 2, 1, 8));
        assertThat(hashing.verify("anything at all", null).join().matches()).isFalse();
    }

    @Test
    void verifyWhenParametersRaisedThenNeedsRehash() {
        String weak = new PasswordHashing(new PasswordHashing.Settings(8192, 1, 1, 8))
                .hash("correct horse battery staple")
                .join();
        PasswordHashing stronger = new PasswordHashing(new PasswordHashing.Settings(19456, 2, 1, 8));
        assertThat(stronger.verify("correct horse battery staple", weak).join())
                .isEqualTo(new PasswordHashing.Verification(true, true));
    }

    @Test
    void floodBeyondQueueThenRateLimitedAtOnce() {
        PasswordHashing hashing = new PasswordHashing(new PasswordHashing.Settings(19456, 2, 1, 2));
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(hashing.hash("password number " + i));
        }
        long refused = futures.stream()
                .filter(future -> {
                    try {
                        future.join();
                        return false;
                    } catch (CompletionException e) {
                        return e.getCause() instanceof ApiException api
                                && api.code().equals("rate_limited")
                                && api.retryAfterSeconds() != null;
                    }
                })
                .count();
        // One thread busy and two queued: the other seventeen are refused without waiting.
        assertThat(refused).isGreaterThanOrEqualTo(15);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void hashingThreadsRunAtLowerPriorityThanTheRest() throws Exception {
        PasswordHashing hashing = new PasswordHashing(new PasswordHashing.Settings(19456, 2, 2, 8));
        hashing.hash("correct horse battery staple").join();
        hashing.verify("correct horse battery staple", null).join();
        // The pool's threads as the kernel sees them (a thread's name, cut to 15 characters, is its comm).
        List<Integer> nice = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).startsWith("password-hashin")) {
                    nice.add(niceOf(task));
                }
            }
        }
        assertThat(nice).isNotEmpty().containsOnly(HashingThreadPriority.NICE);
        assertThat(niceOf(Path.of("/proc/thread-self")))
                .as("the caller's own priority")
                .isLessThan(HashingThreadPriority.NICE);
    }

    /** Field 19 of a task's {@code stat}, counted after the command name (field 2, in parentheses). */
    private static int niceOf(Path task) throws java.io.IOException {
        String stat = Files.readString(task.resolve("stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }
}
