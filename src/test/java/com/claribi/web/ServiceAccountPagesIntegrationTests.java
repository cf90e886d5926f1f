package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Administration > Service accounts and Administration > API keys in headless Chromium: an administrator adds a service
 * account, gives it a key (shown once, then working through the API with the account's role), rotates it, changes the
 * account's role, revokes a key and deactivates the account; the organization's keys, people's and service accounts',
 * page by page with their owners, one revoked from there; at desktop and 375 px.
 */
class ServiceAccountPagesIntegrationTests extends BrowserIntegrationTest {

    @Test
    void serviceAccountWhenAdministratorAddsKeysRotatesChangesRoleRevokesAndDeactivatesThenTheApiAgrees() {
        Account admin = newUser(Role.ADMINISTRATOR);
        signIn(admin);
        awaitSignedIn(admin);
        visible("#nav-admin").click();
        visible(".subnav a[href='/admin/service-accounts']").click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/service-accounts")));
        visible("#no-service-accounts");

        // A name is required; then the account is listed and its keys open at once, with none yet.
        visible("#create-service-account").click();
        wait.until(ExpectedConditions.attributeToBe(By.id("service-account-new-name"), "aria-invalid", "true"));
        type("#service-account-new-name", "Warehouse sync");
        new Select(visible("#service-account-new-role")).selectByValue("editor");
        visible("#create-service-account").click();
        WebElement row = accountRow("Warehouse sync");
        assertThat(row.getText()).contains("Editor", "Active");
        long id = Long.parseLong(row.getAttribute("data-service-account-id"));
        assertThat(visible("#service-account-keys #keys-title").getText()).isEqualTo("Keys of Warehouse sync");
        visible("#service-account-keys #no-keys");

        // A key, shown once, acts as the service account with its role.
        type("#key-name", "Nightly load");
        visible("#scope-read-write").click();
        visible("#create-key").click();
        String secret = visible("#new-key-secret").getText();
        assertThat(secret).startsWith("claribi_sk_live_");
        assertThat(visible("#new-key").getText()).contains("Nightly load", "Read & write", "expires");
        TestClient.Response status = api.get("/api/auth/status/", "X-API-Key", secret);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("user").path("name").asString()).isEqualTo("Warehouse sync");
        assertThat(createDashboard(secret)).isEqualTo(201);
        browser.readmeScreenshot("admin-service-accounts");
        assertFitsAPhone("admin-service-accounts-narrow");
        visible("#new-key-done").click();
        assertThat(browser.driver.findElements(By.id("new-key-secret"))).isEmpty();
        assertThat(visible("#keys-body tr").getText()).contains("Nightly load", "Active");

        // Rotated with no grace period: the old secret stops, the new one works.
        visible("#keys-body button[data-action='rotate']").click();
        new Select(visible("dialog[open] #rotate-grace")).selectByValue("0");
        confirmDialog();
        String rotated = visible("#new-key-secret").getText();
        assertThat(rotated).startsWith("claribi_sk_live_").isNotEqualTo(secret);
        visible("#new-key-done").click();
        assertThat(becomesTrue(() -> statusWith(secret) == 401)).isTrue();
        assertThat(statusWith(rotated)).isEqualTo(200);

        // Its role changed to viewer: the key no longer writes.
        accountRow("Warehouse sync")
                .findElement(By.cssSelector("button[data-action='edit']"))
                .click();
        new Select(visible("dialog[open] #edit-service-account-role")).selectByValue("viewer");
        confirmDialog();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#service-accounts-body tr[data-name='Warehouse sync'] .service-account-role"),
                "Viewer"));
        assertThat(createDashboard(rotated)).isEqualTo(403);

        // Revoked from its row: refused.
        visible("#keys-body tr:not(.revoked) button[data-action='revoke']").click();
        assertThat(visible("dialog[open]").getText()).contains("Nightly load");
        confirmDialog();
        assertThat(becomesTrue(() -> statusWith(rotated) == 401)).isTrue();

        // A second key, then the account deactivated: the key is refused, the account stays listed without actions.
        type("#key-name", "Backfill");
        visible("#create-key").click();
        String backfill = visible("#new-key-secret").getText();
        visible("#new-key-done").click();
        assertThat(statusWith(backfill)).isEqualTo(200);
        accountRow("Warehouse sync")
                .findElement(By.cssSelector("button[data-action='deactivate']"))
                .click();
        assertThat(visible("dialog[open]").getText()).contains("Warehouse sync", "stops working");
        confirmDialog();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#service-accounts-body tr[data-name='Warehouse sync'] .service-account-status"),
                "Deactivated"));
        assertThat(browser.driver.findElements(By.id("service-account-keys"))).isEmpty();
        assertThat(becomesTrue(() -> statusWith(backfill) == 401)).isTrue();
        TestClient.Response accounts = api.get("/api/service-accounts/", "Authorization", api.as(admin));
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.json().path("results").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(accounts.json().path("results").get(0).path("active").asBoolean())
                .isFalse();

        // Its keys can still be read, but no new one made.
        accountRow("Warehouse sync")
                .findElement(By.cssSelector("button[data-action='keys']"))
                .click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-body tr.revoked"), 3));
        assertThat(browser.driver.findElements(By.id("create-key-form"))).isEmpty();
    }

    @Test
    void organizationKeysWhenAdministratorRevokesAPersonsKeyThenRefusedAndEveryOwnerShown() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account member = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        String adminSession = api.as(admin);
        String memberSession = api.as(member);
        TestClient.Response account = api.post(
                "/api/service-accounts/",
                Map.of("name", "CI pipeline", "role", "viewer"),
                "Authorization",
                adminSession);
        assertThat(account.status()).as(account.text()).isEqualTo(201);
        TestClient.Response serviceKey = api.post(
                "/api/service-accounts/" + account.json().path("id").asLong() + "/api-keys/",
                Map.of("name", "Deploy check", "scope", "read_only"),
                "Authorization",
                adminSession);
        assertThat(serviceKey.status()).as(serviceKey.text()).isEqualTo(201);
        String memberKey = memberKey(memberSession, "Report 1");
        for (int i = 2; i <= 20; i++) {
            memberKey(memberSession, "Report " + i);
        }

        signIn(admin);
        awaitSignedIn(admin);
        visible("#nav-admin").click();
        visible(".subnav a[href='/admin/api-keys']").click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/api-keys")));

        // Twenty-one keys, twenty a page, ordered by id: the service account's first, then the member's.
        wait.until(ExpectedConditions.textToBe(By.id("organization-keys-range"), "1–20 of 21"));
        WebElement first = visible("#organization-keys-body tr:nth-child(1)");
        assertThat(first.getAttribute("data-owner-type")).isEqualTo("service_account");
        assertThat(first.getText()).contains("Deploy check", "CI pipeline", "Service account");
        WebElement second = visible("#organization-keys-body tr:nth-child(2)");
        assertThat(second.getAttribute("data-owner-type")).isEqualTo("user");
        assertThat(second.getText()).contains("Report 1", member.email(), "Read-only", "Never", "Active");
        assertThat(browser.driver.getPageSource()).doesNotContain(memberKey);
        visible("#organization-keys-next").click();
        wait.until(ExpectedConditions.textToBe(By.id("organization-keys-range"), "21–21 of 21"));
        assertThat(visible("#organization-keys-body tr").getText()).contains("Report 20", member.email());
        visible("#organization-keys-previous").click();
        wait.until(ExpectedConditions.textToBe(By.id("organization-keys-range"), "1–20 of 21"));

        // The member's key revoked from the organization's list: refused, marked, and the member still signed in.
        assertThat(statusWith(memberKey)).isEqualTo(200);
        visible("#organization-keys-body tr:nth-child(2) button[data-action='revoke']")
                .click();
        assertThat(visible("dialog[open]").getText()).contains("Report 1", member.email());
        confirmDialog();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#organization-keys-body tr:nth-child(2) .key-status"), "Revoked"));
        assertThat(visible("#organization-keys-body tr:nth-child(2)").findElements(By.cssSelector("button")))
                .isEmpty();
        browser.readmeScreenshot("admin-api-keys");
        assertFitsAPhone("admin-api-keys-narrow");
        assertThat(becomesTrue(() -> statusWith(memberKey) == 401)).isTrue();
        assertThat(api.get("/api/auth/status/", "Authorization", memberSession).status())
                .isEqualTo(200);
    }

    @Test
    void serviceAccountsWhenDemotedMeanwhileThenThePlainMessageAndNothingChanged() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account other = newUserInOrganization(admin.user().organizationId(), Role.ADMINISTRATOR);
        signIn(admin);
        awaitSignedIn(admin);
        browser.driver.get(url("/admin/service-accounts"));
        visible("#create-service-account");

        demoteToViewer(admin, other);
        type("#service-account-new-name", "Too late");
        visible("#create-service-account").click();
        assertThat(visible("#create-service-account-form .form-alert").getText())
                .contains("permission");
        TestClient.Response accounts = api.get("/api/service-accounts/", "Authorization", api.as(other));
        assertThat(accounts.json().path("count").asInt()).isZero();

        for (String path : List.of("/admin/service-accounts", "/admin/api-keys")) {
            browser.driver.get(url(path));
            assertThat(visible("#administrators-only").getText()).contains("administrators only");
            assertThat(browser.driver.findElements(By.cssSelector(
                            "#service-accounts-table, #organization-keys-table, #create-service-account-form")))
                    .isEmpty();
        }
    }

    private WebElement accountRow(String name) {
        return visible("#service-accounts-body tr[data-name='" + name + "']");
    }

    private int statusWith(String key) {
        return api.get("/api/auth/status/", "X-API-Key", key).status();
    }

    private int createDashboard(String key) {
        return api.post("/api/dashboards/", Map.of("name", "Loaded " + System.nanoTime()), "X-API-Key", key)
                .status();
    }

    /** A new read-only key of the session's user; its secret. */
    private String memberKey(String session, String name) {
        TestClient.Response key =
                api.post("/api/api-keys/", Map.of("name", name, "scope", "read_only"), "Authorization", session);
        assertThat(key.status()).as(key.text()).isEqualTo(201);
        return key.json().path("key").asString();
    }
}
