package com.claribi.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API keys' settings, {@code claribi.apikey.*}. The activity log's are documented as
 * {@code CLARIBI_API_KEY_ACTIVITY_*}, which keep working ({@code platform.internal.DocumentedSettingNames}).
 *
 * @param activity how long each key's uses are kept and how many may wait in memory for the database
 * @param lookBack how far behind the newest key change seen each poll of the keys table reads again, for transactions
 *     that committed late ({@code CLARIBI_API_KEYS_LOOK_BACK}; not in the contract: the tests shorten it)
 */
@ConfigurationProperties("claribi.apikey")
record ApiKeyProperties(
        @DefaultValue ApiKeyActivityLog.Settings activity,
        @DefaultValue("PT30S") Duration lookBack) {

    ApiKeyProperties {
        if (lookBack.toSeconds() < 1) {
            throw new IllegalArgumentException("CLARIBI_API_KEYS_LOOK_BACK must be at least one second");
        }
    }
}
