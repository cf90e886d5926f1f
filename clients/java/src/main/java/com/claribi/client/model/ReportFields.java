package com.claribi.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a client sets on a report (create or replace); null fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportFields(String name, String description, Long dashboard, String schedule) {

    public static ReportFields named(String name) {
        return new ReportFields(name, null, null, null);
    }
}
