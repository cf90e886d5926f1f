package com.claribi.platform;

import com.claribi.platform.internal.FilePermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The data directory ({@code CLARIBI_DATA_DIR}: embedded database, master key, generated TLS key), created readable by
 * the server's user only. At start, before anything reads it, the server refuses a data directory or a
 * {@code master.key} that group or others can access, the way ssh refuses such a private key.
 */
@Component
@Lazy(false)
public final class DataDirectory {

    private static final String MASTER_KEY = "master.key";

    private final Path root;

    DataDirectory(PlatformProperties properties) {
        this.root = properties.dataDir().toAbsolutePath().normalize();
        if (Files.exists(root)) {
            FilePermissions.requireOwnerOnly(root, "the data directory (database, master key, TLS key)");
        }
        // Checked even when CLARIBI_MASTER_KEY is set (then the file is not read): it may hold that same key.
        if (Files.exists(masterKeyFile())) {
            FilePermissions.requireOwnerOnly(masterKeyFile(), "the master key file");
        }
    }

    /** The directory, created with mode 0700 when missing. */
    public Path root() {
        try {
            return FilePermissions.privateDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
    }

    /**
     * A directory of the server's own files under the data directory ({@code db}, {@code tls}), created with mode
     * 0700, or tightened to it (an earlier version created it with the umask's mode).
     */
    public Path privateSubdirectory(String name) {
        Path directory = root().resolve(name);
        try {
            return FilePermissions.privateDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    /** Where the generated master key lives when {@code CLARIBI_MASTER_KEY} is not set. */
    public Path masterKeyFile() {
        return root.resolve(MASTER_KEY);
    }
}
