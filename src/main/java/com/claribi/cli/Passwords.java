package com.claribi.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A new password from standard input ({@code --password-stdin}) or asked twice on the terminal; never an argument. */
final class Passwords {

    private Passwords() {}

    static String read(boolean fromStandardInput) {
        if (fromStandardInput) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new UsageError("--password-stdin: standard input has no password");
                }
                return line;
            } catch (IOException e) {
                throw new UsageError("--password-stdin: cannot read standard input");
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageError("No terminal to ask the password on: pipe it in with --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Repeat the password: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new UsageError("The passwords do not match");
        }
        return new String(first);
    }
}
