package com.claribi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyUnitTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shortPasswordRefused() {
        assertThat(policy.problems("Xy7!kq2", "a@example.com")).hasSize(1);
    }

    @Test
    void commonPasswordRefusedIgnoringCase() {
        assertThat(policy.problems("Password1", "a@example.com")).isNotEmpty();
        assertThat(policy.problems("QWERTYUIOP", "a@example.com")).isNotEmpty();
    }

    @Test
    void emailAsPasswordRefused() {
        assertThat(policy.problems("jane.smith@example.com", "Jane.Smith@example.com"))
                .isNotEmpty();
        assertThat(policy.problems("jane.smith", "jane.smith@example.com")).isNotEmpty();
    }

    @Test
    void passphraseOf128CharactersAccepted() {
        assertThat(policy.problems("long passphrase ".repeat(8), "a@example.com"))
                .isEmpty();
    }

    @Test
    void unusualPasswordAccepted() {
        assertThat(policy.problems("violet tractor sings 7", "a@example.com")).isEmpty();
    }
}
