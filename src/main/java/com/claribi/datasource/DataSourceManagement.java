package com.claribi.datasource;

import com.claribi.platform.ApiException;
import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.Fields;
import com.claribi.platform.OrganizationTable.Inserted;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import com.claribi.platform.ResourceRoles;
import com.claribi.platform.Submitted;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists, creates, replaces, changes and deletes an organization's data sources: every member reads, administrators
 * and editors write. Secret values of a configuration (sent in {@code secrets}, or found in {@code config} by
 * {@link SecretRule}) are sealed under the master key before they reach the database and are never returned; PATCH
 * merges the configuration (RFC 7396), so a secret not sent keeps its value.
 */
@Service
public class DataSourceManagement {

    private static final int SEAL_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(DataSourceManagement.class);

    private final DataSources dataSources;
    private final ConfigStorage storage;
    private final ResourceRoles roles;
    private final TransactionTemplate transactions;

    DataSourceManagement(
            DataSources dataSources, ConfigStorage storage, ResourceRoles roles, TransactionTemplate transactions) {
        this.dataSources = dataSources;
        this.storage = storage;
        this.roles = roles;
        this.transactions = transactions;
    }

    public Page<DataSource> list(ApiPrincipal principal, PageRequest page, PageLinks links) {
        return dataSources.page(roles.member(principal), page, links).map(storage::view);
    }

    public DataSource get(ApiPrincipal principal, String id) {
        return storage.view(dataSources.get(roles.member(principal), id));
    }

    @Transactional
    public DataSource create(ApiPrincipal principal, Submitted<DataSourceInput> submitted) {
        long organization = roles.editor(principal);
        DataSourceInput input = submitted.value(DataSourceManagement::checkConfig);
        String name = Objects.requireNonNull(input.name());
        String type = Objects.requireNonNull(input.type());
        DataSourceConfig config = stated(input);
        Inserted row = dataSources.insert(organization, name, type);
        dataSources.rewrite(organization, row.id(), storage.columns(organization, row.id(), name, type, config));
        return ConfigStorage.view(row.id(), name, type, config, row.at(), row.at());
    }

    /**
     * PUT: every writable field as sent; the configuration is replaced whole, secrets included: {@code config} and
     * {@code secrets} are {} if missing, and a secret stored before and not sent again is gone (PATCH keeps it).
     */
    @Transactional
    public DataSource replace(ApiPrincipal principal, String id, Submitted<DataSourceInput> submitted) {
        long organization = roles.editor(principal);
        DataSources.Row current = dataSources.lock(organization, id);
        DataSourceInput input = submitted.value(DataSourceManagement::checkConfig);
        return save(
                organization,
                current,
                Objects.requireNonNull(input.name()),
                Objects.requireNonNull(input.type()),
                stated(input));
    }

    /**
     * PATCH: the fields sent, the others as they are; {@code config} and {@code secrets} are JSON Merge Patches of the
     * stored configuration ({@link DataSourceConfig#patched}), so keys not sent (secrets included) keep their values
     * and a key sent as null is removed.
     */
    @Transactional
    public DataSource update(ApiPrincipal principal, String id, Submitted<DataSourceInput> submitted) {
        long organization = roles.editor(principal);
        DataSources.Row current = dataSources.lock(organization, id);
        DataSourceInput input = submitted.value(DataSourceManagement::checkConfig);
        DataSourceConfig patched = storage.stored(organization, current).patched(input.config(), input.secrets());
        // The merge is no deeper than the deepest of the patches and the stored configuration, but a configuration
        // stored before the limit existed may be too deep.
        if (DataSourceConfig.tooDeep(patched.whole())) {
            throw ApiException.validation("config", tooDeep("config"));
        }
        return save(
                organization,
                current,
                Objects.requireNonNullElse(input.name(), current.name()),
                Objects.requireNonNullElse(input.type(), current.type()),
                patched);
    }

    @Transactional
    public void delete(ApiPrincipal principal, String id) {
        dataSources.delete(roles.editor(principal), id);
    }

    /**
     * The whole configuration of a data source, its secrets merged in: what connecting to it uses. Never returned by
     * the API.
     */
    @Transactional(readOnly = true)
    Optional<ObjectNode> settings(long organization, long id) {
        return dataSources
                .find(organization, id)
                .map(row -> storage.stored(organization, row).whole());
    }

    /**
     * Seals the values that the rule finds in clear in shown configurations, in rows written before it knew them (the
     * reads already hide them): each such row is locked, checked again and written as a PATCH without changes would
     * write it, its {@code updated_at} kept. A row that cannot be sealed (a secret that no longer decrypts) is left as
     * it is and named in a warning; returns how many rows were sealed.
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
                    if (storage.inClear(row.config())
                            && Boolean.TRUE.equals(transactions.execute(status -> seal(row)))) {
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

    /** Under the row's lock: seals it if another process has not done it already. */
    private boolean seal(DataSources.Shown shown) {
        Optional<DataSources.Row> row = dataSources.findForUpdate(shown.organizationId(), shown.id());
        if (row.isEmpty() || !storage.inClear(row.get().config())) {
            return false;
        }
        DataSources.Row current = row.get();
        DataSourceConfig config =
                storage.stored(shown.organizationId(), current).patched(null, null);
        dataSources.rewrite(
                shown.organizationId(),
                current.id(),
                storage.columns(shown.organizationId(), current.id(), current.name(), current.type(), config));
        return true;
    }

    private DataSource save(
            long organization, DataSources.Row current, String name, String type, DataSourceConfig config) {
        Instant now = dataSources.update(
                organization, current.id(), storage.columns(organization, current.id(), name, type, config));
        return ConfigStorage.view(current.id(), name, type, config, current.createdAt(), now);
    }

    /** POST and PUT: {@code config} and {@code secrets} as sent, {} if missing (the controller reads them so). */
    private static DataSourceConfig stated(DataSourceInput input) {
        return DataSourceConfig.of(Objects.requireNonNull(input.config()), Objects.requireNonNull(input.secrets()));
    }

    /** {@code config} and {@code secrets} nest no deeper than allowed, and no value is in both. */
    private static void checkConfig(DataSourceInput input, Fields problems) {
        ObjectNode config = withinDepth(problems, "config", input.config());
        ObjectNode secrets = withinDepth(problems, "secrets", input.secrets());
        if (config != null && secrets != null) {
            String path = DataSourceConfig.overlap(config, secrets);
            if (path != null) {
                problems.add(
                        "secrets",
                        "\"" + path + "\" is in both config and secrets; a value is either shown or secret, so send it"
                                + " in one of them.");
            }
        }
    }

    /** The object, or null with a problem on the field when it nests too deep. */
    private static @Nullable ObjectNode withinDepth(Fields problems, String field, @Nullable ObjectNode value) {
        if (value != null && DataSourceConfig.tooDeep(value)) {
            problems.add(field, tooDeep(field));
            return null;
        }
        return value;
    }

    private static String tooDeep(String field) {
        return "At most " + DataSourceConfig.MAX_DEPTH + " levels of nested objects and arrays, " + field
                + " itself included.";
    }
}
