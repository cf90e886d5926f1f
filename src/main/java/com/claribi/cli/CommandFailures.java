package com.claribi.cli;

import com.claribi.platform.ApiException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** A command that could not do its work: one line on standard error and exit code 1 (2 for a misused value). */
final class CommandFailures implements IExecutionExceptionHandler {

    static final int REFUSED = 1;

    @Override
    public int handleExecutionException(Exception e, picocli.CommandLine command, ParseResult parsed) {
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
