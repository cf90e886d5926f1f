package com.claribi.platform.internal;

import java.nio.file.Path;

/** A secret file or the data directory can be read by other users of the machine: the server refuses to start. */
final class PermissionsTooOpen extends IllegalStateException {

    private final String action;

    PermissionsTooOpen(Path path, String what, String mode, String required) {
        super("Permissions " + mode + " for '" + path + "' are too open. It is required that " + what
                + " is NOT accessible by others.");
        this.action =
                "Run: chmod " + required + " '" + path + "' (as the user the server runs as), then start the server"
                        + " again. Others may have read it already: if so, treat what it holds as disclosed.";
    }

    String action() {
        return action;
    }
}
