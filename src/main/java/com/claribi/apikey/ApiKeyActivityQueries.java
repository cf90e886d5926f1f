package com.claribi.apikey;

import com.claribi.platform.ApiPrincipal;
import com.claribi.platform.Page;
import com.claribi.platform.PageLinks;
import com.claribi.platform.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Reads the activity log of a signed-in user's own key, newest first, or of a service account's key for an
 * administrator ({@link ApiKeyAdministration}). Only a session may: never a key itself.
 */
@Service
public class ApiKeyActivityQueries {

    /** One use of a key, as its activity list shows it; {@code count} refused (429) uses of one minute are one. */
    @Schema(name = "ApiKeyUse")
    public record UseView(
            Instant timestamp,
            String method,
            String path,
            int status,
            String ip,
            @Nullable String userAgent,
            int count) {}

    private final ApiKeys keys;
    private final ApiKeyActivity activity;

    ApiKeyActivityQueries(ApiKeys keys, ApiKeyActivity activity) {
        this.keys = keys;
        this.activity = activity;
    }

    public Page<UseView> activity(ApiPrincipal principal, long id, PageRequest page, PageLinks links) {
        principal.requireSession();
        return activity(ApiKeyManagement.find(keys, principal, id), page, links);
    }

    /** The activity of a key the caller may see (their own, or a service account's for an administrator). */
    Page<UseView> activity(ApiKey key, PageRequest page, PageLinks links) {
        return Page.of(
                page,
                activity.countOfKey(key.id()),
                activity.pageOfKey(key.id(), page.offset(), page.size()).stream()
                        .map(use -> new UseView(
                                use.timestamp(),
                                use.method(),
                                use.path(),
                                use.status(),
                                use.ip(),
                                use.userAgent(),
                                use.count()))
                        .toList(),
                links);
    }
}
