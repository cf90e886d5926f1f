package com.claribi.support;

import com.claribi.platform.internal.DocumentedSettingNames;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** An environment holding only the given variables, with the documented setting names, as the server builds it. */
public final class DocumentedEnvironment {

    private DocumentedEnvironment() {}

    public static StandardEnvironment of(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        DocumentedSettingNames.attach(environment);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
