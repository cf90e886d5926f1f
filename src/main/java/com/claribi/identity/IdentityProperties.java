package com.claribi.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity module's settings, {@code claribi.identity.*}. The first administrator is documented as
 * {@code CLARIBI_BOOTSTRAP_*} and the hashing cost as {@code CLARIBI_PASSWORD_HASHING_*}; both names keep working
 * ({@code platform.internal.DocumentedSettingNames}).
 *
 * @param bootstrap the organization and administrator created on the first start with an empty database
 * @param passwordHashing Argon2id's cost and the hashing pool
 */
@ConfigurationProperties("claribi.identity")
record IdentityProperties(
        @DefaultValue Bootstrap.Settings bootstrap,
        @DefaultValue PasswordHashing.Settings passwordHashing) {}
