package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

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
}
