package com.claribi.datasource;

import com.claribi.identity.Role;
import com.claribi.identity.Roles;
import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.JsonBody;
import com.claribi.platform.MasterKey;
import com.claribi.platform.ObjectIds;
import com.claribi.platform.Page;
import com.claribi.platform.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists, creates, replaces, changes and deletes an organization's data sources: every member reads, administrators
 * and editors write. Secret values of a configuration (sent in {@code secrets}, or found in {@code config} by
 * {@link SecretRule}) are sealed under the master key before they reach the database and are never returned; PATCH
 * merges the configuration (RFC 7396), so a secret not sent keeps its value.
 */
@Service
public class DataSourceManagement {

    static final int MAX_NAME = 200;
    static final Set<String> TYPES = Set.of("postgresql", "mysql", "bigquery", "snowflake", "csv", "rest_api");
    private static final String TYPES_TEXT =
            "one of \"postgresql\", \"mysql\", \"bigquery\", \"snowflake\", \"csv\", \"rest_api\"";
    private static final String KIND = "data source";
    private static final int SEAL_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(DataSourceManagement.class);
    private static final Set<String> WRITABLE = Set.of("name", "type", "config", "secrets");
    private static final Set<String> READ_ONLY = Set.of("id", "secret_fields", "created_at", "updated_at");

    private final DataSources dataSources;
    private final MasterKey masterKey;
    private final Roles roles;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    DataSourceManagement(
            DataSources dataSources,
            MasterKey masterKey,
            Roles roles,
            JsonMapper json,
            Clock clock,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.dataSources = dataSources;
        this.masterKey = masterKey;
        this.roles = roles;
        this.json = json;
        this.clock = clock;
    }

    public Page<DataSource> list(ApiPrincipal principal, PageRequest page, HttpServletRequest request) {
        long organization = member(principal);
        long count = dataSources.count(organization);
        List<DataSource> results = dataSources.page(organization, page.offset(), page.size()).stream()
                .map(this::view)
                .toList();
        return Page.of(page, count, results, request);
    }

    public DataSource get(ApiPrincipal principal, String id) {
        long organization = member(principal);
        long parsed = ObjectIds.parse(id, KIND);
        return view(dataSources.find(organization, parsed).orElseThrow(() -> ObjectIds.notFound(KIND, parsed)));
    }

    @Transactional
    public DataSource create(ApiPrincipal principal, @Nullable JsonNode body) {
        long organization = editor(principal);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.requiredText("name", MAX_NAME);
        String type = fields.requiredChoice("type", TYPES, TYPES_TEXT);
        DataSourceConfig config = stated(fields);
        fields.throwIfAny();
        Instant now = now();
        long id = dataSources.insert(organization, Objects.requireNonNull(name), Objects.requireNonNull(type), now);
        return save(organization, id, name, type, Objects.requireNonNull(config), now, now);
    }

    /**
     * PUT: every writable field as sent; the configuration is replaced whole, secrets included: {@code config} and
     * {@code secrets} are {} if missing, and a secret stored before and not sent again is gone (PATCH keeps it).
     */
    @Transactional
    public DataSource replace(ApiPrincipal principal, String id, @Nullable JsonNode body) {
        long organization = editor(principal);
        DataSources.Row current = lock(organization, id);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.requiredText("name", MAX_NAME);
        String type = fields.requiredChoice("type", TYPES, TYPES_TEXT);
        DataSourceConfig config = stated(fields);
        fields.throwIfAny();
        return save(
                organization,
                current.id(),
                Objects.requireNonNull(name),
                Objects.requireNonNull(type),
                Objects.requireNonNull(config),
                current.createdAt(),
                now());
    }

    /**
     * PATCH: the fields sent, the others as they are; {@code config} and {@code secrets} are JSON Merge Patches of the
     * stored configuration ({@link DataSourceConfig#patched}), so keys not sent (secrets included) keep their values
     * and a key sent as null is removed.
     */
    @Transactional
    public DataSource update(ApiPrincipal principal, String id, @Nullable JsonNode body) {
        long organization = editor(principal);
        DataSources.Row current = lock(organization, id);
        JsonBody fields = JsonBody.of(body, WRITABLE, READ_ONLY);
        String name = fields.has("name") ? fields.requiredText("name", MAX_NAME) : current.name();
        String type = fields.has("type") ? fields.requiredChoice("type", TYPES, TYPES_TEXT) : current.type();
        ObjectNode config = withinDepth(fields, "config", fields.object("config", null));
        ObjectNode secrets = withinDepth(fields, "secrets", fields.object("secrets", null));
        if (config != null && secrets != null) {
            notStatedTwice(fields, config, secrets);
        }
        fields.throwIfAny();
        DataSourceConfig patched = stored(organization, current).patched(config, secrets);
        // The merge is no deeper than the deepest of the patches and the stored configuration, but a configuration
        // stored before the limit existed may be too deep.
        if (DataSourceConfig.tooDeep(patched.whole())) {
            throw ApiException.validation("config", tooDeep("config"));
        }
        return save(
                organization,
                current.id(),
                Objects.requireNonNull(name),
                Objects.requireNonNull(type),
                patched,
                current.createdAt(),
                now());
    }

    /**
     * Seals the values that the rule finds in clear in shown configurations, in rows written before it knew them (the
     * reads already hide them): each such row is locked, checked again and written as a PATCH without changes would
     * write it. A row that cannot be sealed (a secret that no longer decrypts) is left as it is and named in a warning;
     * returns how many rows were sealed.
     */
    int sealSecretsInClear() {
        int sealed = 0;
        long after = 0;
        for (List<DataSources.Shown> batch = dataSources.shownAfter(after, SEAL_BATCH);
                !batch.isEmpty();
                batch = dataSources.shownAfter(after, SEAL_BATCH)) {
            for (DataSources.Shown row : batch) {
                after = row.id();
                try {
                    if (inClear(row.config()) && Boolean.TRUE.equals(transactions.execute(status -> seal(row)))) {
                        sealed++;
                    }
                } catch (RuntimeException e) {
                    // The exception's class only: its message might quote the configuration.
                    log.warn(
                            "Data source {} of organization {} could not be checked for secrets held in clear ({});"
                                    + " reads hide them, and its next change seals them",
                            row.id(),
                            row.organizationId(),
                            e.getClass().getSimpleName());
                }
            }
        }
        return sealed;
    }

    private boolean inClear(String config) {
        return json.readTree(config) instanceof ObjectNode shown
                && !DataSourceConfig.split(shown).secretFields().isEmpty();
    }

    /** Under the row's lock: seals it if another process has not done it already. */
    private boolean seal(DataSources.Shown shown) {
        Optional<DataSources.Row> row = dataSources.findForUpdate(shown.organizationId(), shown.id());
        if (row.isEmpty() || !inClear(row.get().config())) {
            return false;
        }
        DataSources.Row current = row.get();
        save(
                shown.organizationId(),
                current.id(),
                current.name(),
                current.type(),
                stored(shown.organizationId(), current).patched(null, null),
                current.createdAt(),
                current.updatedAt());
        return true;
    }

    /**
     * The whole configuration of a data source, its secrets merged in: what connecting to it uses. Never returned by
     * the API.
     */
    @Transactional(readOnly = true)
    Optional<ObjectNode> settings(long organization, long id) {
        return dataSources
                .find(organization, id)
                .map(row -> stored(organization, row).whole());
    }

    @Transactional
    public void delete(ApiPrincipal principal, String id) {
        long organization = editor(principal);
        long parsed = ObjectIds.parse(id, KIND);
        if (!dataSources.delete(organization, parsed)) {
            throw ObjectIds.notFound(KIND, parsed);
        }
    }

    /**
     * POST and PUT: {@code config} and {@code secrets} as sent ({} if missing), or null with the problems recorded: one
     * that is not an object or nests too deep, or a value stated in both.
     */
    private static @Nullable DataSourceConfig stated(JsonBody fields) {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        ObjectNode config = withinDepth(fields, "config", fields.object("config", empty));
        ObjectNode secrets = withinDepth(fields, "secrets", fields.object("secrets", empty));
        if (config == null || secrets == null || !notStatedTwice(fields, config, secrets)) {
            return null;
        }
        return DataSourceConfig.of(config, secrets);
    }

    /** The object, or null with a problem on the field when it nests too deep. */
    private static @Nullable ObjectNode withinDepth(JsonBody fields, String field, @Nullable ObjectNode value) {
        if (value != null && DataSourceConfig.tooDeep(value)) {
            fields.problem(field, tooDeep(field));
            return null;
        }
        return value;
    }

    private static String tooDeep(String field) {
        return "At most " + DataSourceConfig.MAX_DEPTH + " levels of nested objects and arrays, " + field
                + " itself included.";
    }

    /** Whether no value is in both; else a problem on {@code secrets} naming its path (a path, never a value). */
    private static boolean notStatedTwice(JsonBody fields, ObjectNode config, ObjectNode secrets) {
        String path = DataSourceConfig.overlap(config, secrets);
        if (path != null) {
            fields.problem(
                    "secrets",
                    "\"" + path + "\" is in both config and secrets; a value is either shown or secret, so send it in"
                            + " one of them.");
            return false;
        }
        return true;
    }

    private DataSource save(
            long organization,
            long id,
            String name,
            String type,
            DataSourceConfig config,
            Instant createdAt,
            Instant now) {
        String sealed = config.secrets().isEmpty()
                ? null
                : masterKey.encrypt(
                        purpose(organization, id),
                        json.writeValueAsString(config.secrets()).getBytes(StandardCharsets.UTF_8));
        dataSources.update(
                organization,
                id,
                name,
                type,
                json.writeValueAsString(config.visible()),
                json.writeValueAsString(config.secretFields()),
                sealed,
                now);
        return new DataSource(id, name, type, config.visible(), config.secretFields(), createdAt, now);
    }

    /** The stored configuration with its secrets decrypted, to be merged with a patch; never returned. */
    private DataSourceConfig stored(long organization, DataSources.Row row) {
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
    private DataSource view(DataSources.Row row) {
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

    private DataSources.Row lock(long organization, String id) {
        long parsed = ObjectIds.parse(id, KIND);
        return dataSources.findForUpdate(organization, parsed).orElseThrow(() -> ObjectIds.notFound(KIND, parsed));
    }

    private long member(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER)
                .organizationId();
    }

    private long editor(ApiPrincipal principal) {
        return roles.require(principal, Role.ADMINISTRATOR, Role.EDITOR).organizationId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
