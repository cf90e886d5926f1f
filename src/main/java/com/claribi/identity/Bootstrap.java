package com.claribi.identity;

import com.claribi.platform.ClientInfo;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty database, creates the organization and its administrator from
 * {@code CLARIBI_BOOTSTRAP_*}; with no email set, {@code admin@localhost} with a random password printed once. Runs once
 * every bean is ready and before the web server starts, so that a client which signs in as soon as the server answers
 * (an operator's script waiting for {@code /api/health/}) never finds the administrator missing.
 */
@Component
@Profile("!cli")
final class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Organizations organizations;
    private final Enrollment enrollment;
    private final Settings settings;

    Bootstrap(Organizations organizations, Enrollment enrollment, IdentityProperties properties) {
        this.organizations = organizations;
        this.enrollment = enrollment;
        this.settings = properties.bootstrap();
    }

    /** {@code claribi.identity.bootstrap.*}, documented as {@code CLARIBI_BOOTSTRAP_*}. */
    record Settings(
            @Nullable String adminEmail,
            @Nullable String adminPassword,
            @DefaultValue("clariBI") String orgName) {}

    @Override
    public void afterSingletonsInstantiated() {
        if (!organizations.isEmpty()) {
            return;
        }
        boolean generated =
                settings.adminEmail() == null || settings.adminEmail().isBlank();
        String email = generated ? "admin@localhost" : settings.adminEmail().trim();
        String password = settings.adminPassword();
        if (generated || password == null || password.isEmpty()) {
            password = randomPassword();
            generated = true;
        }
        try {
            enrollment.createOrganization(
                    settings.orgName(),
                    "professional",
                    1500,
                    new Enrollment.NewUser(email, password, Role.ADMINISTRATOR, "", ""),
                    ClientInfo.COMMAND_LINE);
        } catch (DuplicateKeyException e) {
            log.info("Another server process created the first administrator already");
            return;
        }
        if (generated) {
            // Printed once, to the console only: it is stored nowhere but as an Argon2id hash.
            System.out.println();
            System.out.println(
                    "  clariBI created the organization \"" + settings.orgName() + "\" and its administrator:");
            System.out.println("    email:    " + email);
            System.out.println("    password: " + password);
            System.out.println(
                    "  This password is shown only this once. Sign in at /sign-in and change it under Settings >"
                            + " Security > Password (/settings/security/password), or with POST /api/auth/password/.");
            System.out.println();
        } else {
            log.info("Created the organization \"{}\" and its administrator {}", settings.orgName(), email);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
