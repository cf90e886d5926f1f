package com.claribi.client;

import com.claribi.client.model.Dashboard;
import com.claribi.client.model.DashboardFields;

/** The organization's dashboards ({@code /api/dashboards/}). */
public final class Dashboards extends ResourceCollection<Dashboard, DashboardFields> {

    Dashboards(ApiCalls calls) {
        super(calls, "/api/dashboards/", Dashboard.class);
    }
}
