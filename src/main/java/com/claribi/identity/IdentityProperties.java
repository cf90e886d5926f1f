package com.claribi.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity module's settings, {@code claribi.identity.*}. The first administrator is documented as
 * {@code CLARIBI_BOOTSTRAP_*} and the hashing cost as {@code CLARIBI_PASSWORD_HASHING_*}; all these names keep working
 * ({@code platform.internal.DocumentedSettingNames}).
 *
 * @param bootstrap the organization and administrator created on the first start with an empty database
 * @param passwordHashing Argon2id's cost and the hashing pool
 * @param mail the SMTP server password-reset emails go through, documented as {@code CLARIBI_SMTP_URL} and
 *     {@code CLARIBI_SMTP_FROM}
 * @param publicUrl the address people open clariBI at ({@code CLARIBI_PUBLIC_URL}, such as
 *     {@code https://claribi.example.com}), which password-reset links point to; needed when mail is configured
 */
@ConfigurationProperties("claribi.identity")
record IdentityProperties(
        @DefaultValue Bootstrap.Settings bootstrap,
        @DefaultValue PasswordHashing.Settings passwordHashing,
        @DefaultValue ResetMail.Settings mail,
        @Nullable String publicUrl) {}
