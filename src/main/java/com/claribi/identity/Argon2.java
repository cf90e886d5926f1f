package com.claribi.identity;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Argon2 hashes in the PHC string format that Spring Security's {@code Argon2PasswordEncoder} writes and reads
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded base64), computed by Bouncy Castle with each
 * thread reusing its own memory blocks. Bouncy Castle otherwise allocates the whole memory cost (19 MiB, as 19,456
 * small objects) for every hash; under a flood of logins that garbage outlived young collections, filled the old
 * generation and caused a full collection every second or so, pausing every request (measured in bench/run: the
 * authenticated p99 during a login flood, and the RSS). The blocks are cleared after each hash.
 */
final class Argon2 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final int saltLength;
    private final int hashLength;
    private final int parallelism;
    private final int memoryKib;
    private final int iterations;
    /** Each thread's blocks, kept between hashes; enough for the configured memory cost. */
    private final ThreadLocal<Argon2BytesGenerator.FixedBlockPool> blocks;

    Argon2(int saltLength, int hashLength, int parallelism, int memoryKib, int iterations) {
        this.saltLength = saltLength;
        this.hashLength = hashLength;
        this.parallelism = parallelism;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.blocks = ThreadLocal.withInitial(() -> new Argon2BytesGenerator.FixedBlockPool(memoryKib));
    }

    String encode(String password) {
        byte[] salt = new byte[saltLength];
        RANDOM.nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withParallelism(parallelism)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .build();
        byte[] hash = generate(parameters, password, hashLength);
        return "$" + type(parameters.getType()) + "$v=" + parameters.getVersion() + "$m=" + memoryKib + ",t="
                + iterations + ",p=" + parallelism + "$" + BASE64.encodeToString(salt) + "$"
                + BASE64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; false for a malformed hash. */
    boolean matches(String password, @Nullable String encoded) {
        Decoded decoded = decode(encoded);
        if (decoded == null) {
            return false;
        }
        byte[] computed = generate(decoded.parameters(), password, decoded.hash().length);
        return MessageDigest.isEqual(decoded.hash(), computed);
    }

    private record Decoded(Argon2Parameters parameters, byte[] hash) {}

    private @Nullable Decoded decode(@Nullable String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split("\\$");
        try {
            int type = switch (parts[1]) {
                case "argon2d" -> Argon2Parameters.ARGON2_d;
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                default -> -1;
            };
            if (type < 0 || !parts[0].isEmpty()) {
                return null;
            }
            Argon2Parameters.Builder builder = new Argon2Parameters.Builder(type);
            int next = 2;
            if (parts[next].startsWith("v=")) {
                builder.withVersion(Integer.parseInt(parts[next].substring(2)));
                next++;
            }
            for (String setting : parts[next].split(",")) {
                String[] pair = setting.split("=", 2);
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> builder.withMemoryAsKB(value);
                    case "t" -> builder.withIterations(value);
                    case "p" -> builder.withParallelism(value);
                    default -> {
                        return null;
                    }
                }
            }
            builder.withSalt(BASE64_DECODER.decode(parts[next + 1]));
            byte[] hash = BASE64_DECODER.decode(parts[next + 2]);
            if (parts.length != next + 3 || hash.length == 0) {
                return null;
            }
            return new Decoded(builder.build(), hash);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] generate(Argon2Parameters decoded, String password, int length) {
        // Only a hash with this instance's memory cost can use the thread's blocks; another cost (a hash made
        // before the settings changed, rehashed at its next login) gets fresh blocks, as before.
        Argon2Parameters parameters = decoded.getMemory() == memoryKib
                ? new Argon2Parameters.Builder(decoded.getType())
                        .withVersion(decoded.getVersion())
                        .withSalt(decoded.getSalt())
                        .withParallelism(decoded.getLanes())
                        .withMemoryAsKB(decoded.getMemory())
                        .withIterations(decoded.getIterations())
                        .withBlockPool(blocks.get())
                        .build()
                : decoded;
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.toCharArray(), out); // as Spring's encoder: the parameters' UTF-8 converter
        return out;
    }

    private static String type(int type) {
        return switch (type) {
            case Argon2Parameters.ARGON2_d -> "argon2d";
            case Argon2Parameters.ARGON2_i -> "argon2i";
            default -> "argon2id";
        };
    }
}
