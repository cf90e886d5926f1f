package com.claribi.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretUnitTests {

    @Test
    void generatedSecretsHaveThePrefixRandomPartAndChecksum() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String secret = ApiKeySecret.generate();
            assertThat(secret).matches("claribi_sk_live_[0-9A-Za-z]{38}");
            assertThat(ApiKeySecret.wellFormed(secret)).isTrue();
            assertThat(seen.add(secret)).isTrue();
        }
    }

    @Test
    void everySingleCharacterTypoFailsTheChecksum() {
        String secret = ApiKeySecret.generate();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        int caught = 0;
        int typos = 0;
        for (int position = ApiKeySecret.PREFIX.length(); position < secret.length(); position++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement == secret.charAt(position)) {
                    continue;
                }
                typos++;
                String typo = secret.substring(0, position) + replacement + secret.substring(position + 1);
                if (!ApiKeySecret.wellFormed(typo)) {
                    caught++;
                }
            }
        }
        assertThat(caught).isEqualTo(typos);
    }

    @Test
    void wrongShapesAreNotKeys() {
        String secret = ApiKeySecret.generate();
        assertThat(ApiKeySecret.wellFormed(secret.substring(1))).isFalse();
        assertThat(ApiKeySecret.wellFormed(secret + "0")).isFalse();
        assertThat(ApiKeySecret.wellFormed(secret.replace("live", "test"))).isFalse();
        assertThat(ApiKeySecret.wellFormed(secret.substring(0, 20) + "-" + secret.substring(21)))
                .isFalse();
        assertThat(ApiKeySecret.wellFormed("")).isFalse();
    }

    @Test
    void hashIsSha256HexAndPrefixShowsEightRandomCharacters() {
        String secret = ApiKeySecret.generate();
        assertThat(ApiKeySecret.hash(secret)).matches("[0-9a-f]{64}");
        assertThat(ApiKeySecret.displayPrefix(secret)).hasSize(24).isEqualTo(secret.substring(0, 24));
    }
}
