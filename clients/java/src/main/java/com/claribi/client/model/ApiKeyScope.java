package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an API key may do: read only, or read and write (within its owner's role). */
public enum ApiKeyScope {
    @JsonProperty("read_only")
    READ_ONLY,
    @JsonProperty("read_write")
    READ_WRITE
}
