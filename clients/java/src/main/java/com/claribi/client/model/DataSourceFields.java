package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What a client sets on a data source (create or replace): {@code type} is postgresql, mysql, bigquery, snowflake,
 * csv or rest_api; {@code secrets} (same shape as {@code config}) is write-only. Null fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSourceFields(String name, String type, Map<String, Object> config, Map<String, Object> secrets) {

    /** Prints the secrets as {@code ***}. */
    @Override
    public String toString() {
        return "DataSourceFields[name=" + name + ", type=" + type + ", config=" + config + ", secrets="
                + Redacted.of(secrets) + "]";
    }
}
