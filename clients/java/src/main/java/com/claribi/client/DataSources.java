package com.claribi.client;

import com.claribi.client.model.DataSource;
import com.claribi.client.model.DataSourceFields;

/** The organization's data sources ({@code /api/data-sources/}); their secrets are write-only. */
public final class DataSources extends ResourceCollection<DataSource, DataSourceFields> {

    DataSources(ApiCalls calls) {
        super(calls, "/api/data-sources/", DataSource.class);
    }
}
