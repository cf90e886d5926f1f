package com.claribi.ratelimit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rate limits' settings, {@code claribi.rate-limit.*}: request budgets per minute (documented as
 * {@code CLARIBI_RATE_LIMIT_*}) and the Redis that shares them ({@code CLARIBI_REDIS_URL}).
 *
 * @param jwtPerMinute per user, shared by all of the user's sessions and access tokens
 * @param apiKeyPerMinute per API key
 * @param addressPerMinute per client address on the endpoints that need no credentials and do work (login and token
 *     refresh)
 * @param badCredentialsPerMinute per client address, refused credentials (401 to an API key or token it presented); once
 *     spent, the address gets 429 before any credential of it is looked up
 * @param window the time over which a spent budget refills completely: a minute, as the names say; longer only for
 *     tests that must count exactly without any refill while they run
 * @param redisUrl {@code redis://host:port} (or {@code rediss://}) shares budgets between processes; unset, each process
 *     counts alone
 * @param loginThrottle the failed-attempt budgets of every credential check,
 *     {@code claribi.rate-limit.login-throttle.*} (documented as {@code CLARIBI_LOGIN_THROTTLE_*})
 * @param passwordReset the budgets of password-reset requests, per address and per account,
 *     {@code claribi.rate-limit.password-reset.*} (documented as {@code CLARIBI_PASSWORD_RESET_*})
 */
@ConfigurationProperties("claribi.rate-limit")
record RateLimitProperties(
        @DefaultValue("1000") int jwtPerMinute,
        @DefaultValue("100") int apiKeyPerMinute,
        @DefaultValue("300") int addressPerMinute,
        @DefaultValue("100") int badCredentialsPerMinute,
        @DefaultValue("PT1M") Duration window,
        @Nullable String redisUrl,
        @DefaultValue LoginThrottle.Settings loginThrottle,
        @DefaultValue PasswordResetThrottle.Settings passwordReset) {}
