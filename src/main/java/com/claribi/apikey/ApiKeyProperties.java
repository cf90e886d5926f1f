package com.claribi.apikey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API keys' settings, {@code claribi.apikey.*}. The activity log's are documented as
 * {@code CLARIBI_API_KEY_ACTIVITY_*}, which keep working ({@code platform.internal.DocumentedSettingNames}).
 *
 * @param activity how long each key's uses are kept and how many may wait in memory for the database
 */
@ConfigurationProperties("claribi.apikey")
record ApiKeyProperties(@DefaultValue ApiKeyActivityLog.Settings activity) {}
