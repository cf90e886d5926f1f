package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class Argon2UnitTests {

    private final Argon2 argon2 = new Argon2(16, 32, 1, 19456, 2);
    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

    @Test
    void hashesAreInterchangeableWithSpringSecuritysEncoder() {
        String ours = argon2.encode("correct horse battery staple");
        assertThat(ours).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(spring.matches("correct horse battery staple", ours)).isTrue();
        assertThat(spring.upgradeEncoding(ours)).isFalse();

        String theirs = spring.encode("correct horse battery staple");
        assertThat(argon2.matches("correct horse battery staple", theirs)).isTrue();
        assertThat(argon2.matches("correct horse battery stable", theirs)).isFalse();
        assertThat(argon2.matches("correct horse battery staple", ours)).isTrue();
        assertThat(argon2.matches("correct horse battery staplE", ours)).isFalse();
        assertThat(argon2.matches("pässwörd ✓ 🐎", argon2.encode("pässwörd ✓ 🐎")))
                .isTrue();
        assertThat(spring.matches("pässwörd ✓ 🐎", argon2.encode("pässwörd ✓ 🐎")))
                .isTrue();
    }

    @Test
    void hashWithOtherParametersIsCheckedWithItsOwn() {
        String weak = new Argon2PasswordEncoder(16, 32, 1, 8192, 1).encode("correct horse battery staple");
        assertThat(argon2.matches("correct horse battery staple", weak)).isTrue();
        assertThat(argon2.matches("wrong horse battery staple", weak)).isFalse();
    }

    @Test
    void malformedHashNeverMatches() {
        String good = argon2.encode("correct horse battery staple");
        for (String bad : new String[] {
            null,
            "",
            "plain",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2x$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
            "$argon2id$v=19$m=19456,t=2,q=1$c2FsdHNhbHRzYWx0$aGFzaA",
            "$argon2id$v=19$m=nineteen,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA",
            good + "$extra",
            good.substring(0, good.lastIndexOf('$') + 1)
        }) {
            assertThat(argon2.matches("correct horse battery staple", bad))
                    .as(bad)
                    .isFalse();
        }
    }

    @Test
    void aThreadReusesItsMemoryBlocksInsteadOfAllocatingTheMemoryCostPerHash() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        String hash = argon2.encode("correct horse battery staple"); // the first hash allocates the blocks
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 3; i++) {
            assertThat(argon2.matches("correct horse battery staple", hash)).isTrue();
        }
        long perHash = (threads.getThreadAllocatedBytes(id) - before) / 3;
        // Spring's encoder allocates the whole memory cost, 19 MiB, every time.
        long springBefore = threads.getThreadAllocatedBytes(id);
        spring.matches("correct horse battery staple", hash);
        long springPerHash = threads.getThreadAllocatedBytes(id) - springBefore;
        assertThat(springPerHash).isGreaterThan(19L * 1024 * 1024);
        assertThat(perHash).isLessThan(1024 * 1024);
    }
}
