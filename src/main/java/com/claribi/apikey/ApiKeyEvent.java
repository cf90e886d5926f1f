package com.claribi.apikey;

import com.claribi.platform.ClientInfo;
import com.claribi.platform.SecurityEvent;
import org.jspecify.annotations.Nullable;

/**
 * Something happened to an API key: {@code api_key_created}, {@code api_key_rotated}, {@code api_key_revoked}, or
 * {@code api_key_refused} (a failed authentication). Only the key's prefix is ever recorded, never its secret.
 */
public record ApiKeyEvent(
        String type,
        @Nullable Long organizationId,
        @Nullable Long userId,
        @Nullable ClientInfo client,
        String detail) implements SecurityEvent {}
