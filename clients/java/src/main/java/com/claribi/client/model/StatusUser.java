package com.claribi.client.model;

/**
 * The caller as {@code GET /api/auth/status/} describes it; {@code type} is {@code user} or {@code service_account}.
 */
public record StatusUser(
        long id, String type, String name, String email, String firstName, String lastName, Role role) {}
