package com.claribi.token;

import java.util.Map;
import org.springframework.stereotype.Component;

/** The JWK Set that verifies our tokens: the current key and the retired ones whose tokens may not have expired. */
@Component
public class PublicKeys {

    private final SigningKeyRing ring;

    PublicKeys(SigningKeyRing ring) {
        this.ring = ring;
    }

    public Map<String, Object> jwkSet() {
        return ring.publicKeys().toJSONObject(true);
    }
}
