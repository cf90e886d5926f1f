package com.claribi.datasource;

import com.claribi.platform.MasterKey;
import com.claribi.platform.OrganizationTable.Columns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a data source's configuration is stored: its shown values and the paths of its secrets as JSON, its secret
 * values sealed under the master key to their row; and how a row is shown again, never with a secret value.
 */
@Component
final class ConfigStorage {

    private final MasterKey masterKey;
    private final JsonMapper json;

    ConfigStorage(MasterKey masterKey, JsonMapper json) {
        this.masterKey = masterKey;
        this.json = json;
    }

    /** The columns of data source {@code id} with this name, type and configuration, its secrets sealed. */
    Columns columns(long organization, long id, String name, String type, DataSourceConfig config) {
        String sealed = config.secrets().isEmpty()
                ? null
                : masterKey.encrypt(
                        purpose(organization, id),
                        json.writeValueAsString(config.secrets()).getBytes(StandardCharsets.UTF_8));
        return new Columns()
                .set("name", name)
                .set("type", type)
                .set("config", json.writeValueAsString(config.visible()))
                .set("secret_fields", json.writeValueAsString(config.secretFields()))
                .set("secrets", sealed);
    }

    /** The stored configuration with its secrets decrypted, to be merged with a patch or used; never returned. */
    DataSourceConfig stored(long organization, DataSources.Row row) {
        ObjectNode secrets = row.secrets() == null
                ? JsonNodeFactory.instance.objectNode()
                : (ObjectNode) json.readTree(new String(
                        masterKey.decrypt(purpose(organization, row.id()), row.secrets()), StandardCharsets.UTF_8));
        return new DataSourceConfig(config(row), secrets, secretFields(row));
    }

    /**
     * A row as the API shows it. A row written before the rule knew a kind of secret may still hold one in its shown
     * configuration: the rule runs again here, so it is not shown, and the next write seals it.
     */
    DataSource view(DataSources.Row row) {
        ObjectNode config = config(row);
        List<String> secretFields = secretFields(row);
        DataSourceConfig again = DataSourceConfig.split(config);
        if (!again.secretFields().isEmpty()) {
            config = again.visible();
            secretFields = Stream.concat(secretFields.stream(), again.secretFields().stream())
                    .toList();
        }
        return new DataSource(row.id(), row.name(), row.type(), config, secretFields, row.createdAt(), row.updatedAt());
    }

    /** A configuration just written, as the API shows it. */
    static DataSource view(
            long id, String name, String type, DataSourceConfig config, Instant createdAt, Instant updatedAt) {
        return new DataSource(id, name, type, config.visible(), config.secretFields(), createdAt, updatedAt);
    }

    /** Whether the rule finds secret values in a shown configuration (one written before it knew them). */
    boolean inClear(String config) {
        return json.readTree(config) instanceof ObjectNode shown
                && !DataSourceConfig.split(shown).secretFields().isEmpty();
    }

    private ObjectNode config(DataSources.Row row) {
        return (ObjectNode) json.readTree(row.config());
    }

    private List<String> secretFields(DataSources.Row row) {
        List<String> fields = new ArrayList<>();
        json.readTree(row.secretFields()).forEach(field -> fields.add(field.stringValue()));
        return List.copyOf(fields);
    }

    /** Binds sealed secrets to their row: moved to another data source or organization, they no longer decrypt. */
    private static String purpose(long organization, long id) {
        return "data-source:" + organization + ":" + id;
    }
}
