package com.claribi.token;

import com.claribi.platform.Timestamps;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signing_keys table: public JWKs and their private halves encrypted under the master key. */
@Repository
class SigningKeys {

    record StoredKey(
            String kid,
            String algorithm,
            String publicJwk,
            String encryptedPrivateKey,
            Instant createdAt,
            @Nullable Instant retiredAt) {}

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredKey> all() {
        return jdbc.sql("select * from signing_keys order by created_at, kid")
                .query((rs, row) -> new StoredKey(
                        rs.getString("kid"),
                        rs.getString("algorithm"),
                        rs.getString("public_jwk"),
                        rs.getString("private_key"),
                        Timestamps.require(rs, "created_at"),
                        Timestamps.read(rs, "retired_at")))
                .list();
    }

    void insert(StoredKey key) {
        jdbc.sql("""
                insert into signing_keys (kid, algorithm, public_jwk, private_key, created_at, retired_at)
                values (?, ?, ?, ?, ?, null)""")
                .params(
                        key.kid(),
                        key.algorithm(),
                        key.publicJwk(),
                        key.encryptedPrivateKey(),
                        Timestamps.toDatabase(key.createdAt()))
                .update();
    }

    int retireAllExcept(String kid, Instant now) {
        return jdbc.sql("update signing_keys set retired_at = ? where retired_at is null and kid <> ?")
                .params(Timestamps.toDatabase(now), kid)
                .update();
    }
}
