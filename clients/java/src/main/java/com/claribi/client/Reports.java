package com.claribi.client;

import com.claribi.client.model.Report;
import com.claribi.client.model.ReportFields;

/** The organization's reports ({@code /api/reports/}). */
public final class Reports extends ResourceCollection<Report, ReportFields> {

    Reports(ApiCalls calls) {
        super(calls, "/api/reports/", Report.class);
    }
}
