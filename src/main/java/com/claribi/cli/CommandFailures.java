package com.claribi.cli;

import com.claribi.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** A command that could not do its work: one line on standard error and exit code 1 (2 for a misused value). */
final class CommandFailures implements IExecutionExceptionHandler {

    static final int REFUSED = 1;

    private SpringApplication.@Nullable AbandonedRunException abandoned;

    /**
     * Throws the abandoned start of the server, if there was one: the build's Spring AOT processing runs {@code main}
     * and abandons the start once the context is prepared, and expects that exception back from {@code main}, where
     * picocli would otherwise have turned it into an exit code.
     */
    void rethrowAbandonedRun() {
        if (abandoned != null) {
            throw abandoned;
        }
    }

    @Override
    public int handleExecutionException(Exception e, picocli.CommandLine command, ParseResult parsed) {
        if (e instanceof SpringApplication.AbandonedRunException abandoned) {
            this.abandoned = abandoned;
            return REFUSED;
        }
        if (command.getCommandSpec().userObject() instanceof ServeCommand) {
            // Spring Boot has reported why the server did not start.
            return REFUSED;
        }
        if (e instanceof UsageError) {
            command.getErr().println(e.getMessage());
            return UsageErrors.MISUSED;
        }
        if (e instanceof ApiException api) {
            command.getErr().println(api.getMessage() + " " + api.detail());
            return REFUSED;
        }
        command.getErr().println("Failed: " + explain(e));
        return REFUSED;
    }

    private static String explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Database may be already in use") || message.contains("already in use")) {
                return "the embedded database is in use by a running server; stop the server first "
                        + "(or use PostgreSQL via CLARIBI_DATABASE_URL)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
