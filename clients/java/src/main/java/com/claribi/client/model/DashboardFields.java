package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a client sets on a dashboard (create or replace); a null description is left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardFields(String name, String description) {

    public static DashboardFields named(String name) {
        return new DashboardFields(name, null);
    }
}
