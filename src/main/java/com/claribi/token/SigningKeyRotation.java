package com.claribi.token;

import com.claribi.platform.ClientInfo;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts a new signing key ({@code bin/claribi keys rotate}). */
@Service
public class SigningKeyRotation {

    private final SigningKeyRing ring;
    private final ApplicationEventPublisher events;

    SigningKeyRotation(SigningKeyRing ring, ApplicationEventPublisher events) {
        this.ring = ring;
        this.events = events;
    }

    @Transactional
    public String rotate(ClientInfo client) {
        String kid = ring.rotate();
        events.publishEvent(new SigningKeyRotated(kid, client));
        return kid;
    }
}
