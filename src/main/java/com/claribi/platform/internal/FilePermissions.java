package com.claribi.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the server's files readable by its own user only: directories 0700, files 0600, whatever the process umask.
 * On a file system without POSIX permissions the directory's access rules apply and nothing is checked.
 */
public final class FilePermissions {

    private static final Logger log = LoggerFactory.getLogger(FilePermissions.class);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private FilePermissions() {}

    /** Writes a new secret file that is never readable by others, not even for an instant. */
    public static void writeSecret(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
        restrictToOwner(file);
    }

    public static void restrictToOwner(Path file) {
        set(file, Files.isDirectory(file) ? OWNER_DIRECTORY : OWNER_FILE);
    }

    /**
     * Creates {@code directory} (its missing parents as usual) with mode 0700, or tightens it to 0700 when it exists.
     */
    public static Path privateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(directory);
            }
        }
        restrictToOwner(directory);
        return directory;
    }

    /** Sets every regular file directly in {@code directory} to 0600 (files a library created with the umask's mode). */
    public static void restrictFilesToOwner(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(FilePermissions::restrictToOwner);
        }
    }

    /**
     * Refuses {@code path} when its group or others have any permission, as ssh refuses a private key: the operator
     * is told the mode and the {@code chmod} that fixes it.
     */
    public static void requireOwnerOnly(Path path, String what) {
        Set<PosixFilePermission> permissions = permissions(path);
        if (permissions == null) {
            return;
        }
        Set<PosixFilePermission> allowed = Files.isDirectory(path) ? OWNER_DIRECTORY : OWNER_FILE;
        if (!allowed.containsAll(permissions)) {
            throw new PermissionsTooOpen(path, what, octal(permissions), Files.isDirectory(path) ? "700" : "600");
        }
    }

    /** The mode as ls and chmod print it, such as {@code 0644}. */
    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }

    private static @Nullable Set<PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            log.warn("{} is on a file system without POSIX permissions: its access cannot be checked", path);
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the permissions of " + path, e);
        }
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's access rules apply.
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restrict the permissions of " + path + " to its owner", e);
        }
    }
}
