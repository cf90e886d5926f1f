package com.claribi.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Keeps secret files readable by the server's user only. */
public final class FilePermissions {

    private FilePermissions() {}

    /** Writes a new secret file that is never readable by others, not even for an instant. */
    public static void writeSecret(Path file, String content) throws java.io.IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
        restrictToOwner(file);
    }

    public static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the directory's permissions apply.
        }
    }
}
