package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The fields of a user an administrator changes; null fields stay as they are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserChange(Role role, String firstName, String lastName) {}
