package com.claribi.datasource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the server has started, seals the secrets that data sources written before the rule knew them still hold in
 * clear ({@link DataSourceManagement#sealSecretsInClear}). Until then reads already hide them; a failure here is a
 * warning, never a failed start.
 */
@Component
@Profile("!cli")
final class ClearSecretsSealer {

    private static final Logger log = LoggerFactory.getLogger(ClearSecretsSealer.class);

    private final DataSourceManagement dataSources;

    ClearSecretsSealer(DataSourceManagement dataSources) {
        this.dataSources = dataSources;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sealAtStart() {
        try {
            int sealed = dataSources.sealSecretsInClear();
            if (sealed > 0) {
                log.info("Sealed the secrets that {} data sources held in clear", sealed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for data source secrets held in clear ({}); reads still hide them", e.toString());
        }
    }
}
