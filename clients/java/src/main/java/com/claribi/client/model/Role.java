package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A role in the organization. */
public enum Role {
    @JsonProperty("administrator")
    ADMINISTRATOR,
    @JsonProperty("editor")
    EDITOR,
    @JsonProperty("viewer")
    VIEWER
}
