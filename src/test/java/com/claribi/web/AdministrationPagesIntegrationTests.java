package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.TestClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Administration > Users and Audit log in headless Chromium: an administrator adds a user, changes a role, makes a
 * reset link that works through the API, and deactivates; pages of users and of events; the audit log's filters; an
 * administrator demoted meanwhile gets the API's refusal as a plain message, and a non-administrator sees no link and
 * the same message at the URL; at desktop and 375 px.
 */
class AdministrationPagesIntegrationTests extends BrowserIntegrationTest {

    @Test
    void usersWhenAdministratorAddsChangesResetsAndDeactivatesThenTheApiAgrees() {
        Account admin = newUser(Role.ADMINISTRATOR);
        signIn(admin);
        awaitSignedIn(admin);
        visible("#nav-admin").click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/users")));
        visible("#users-body tr[data-email='" + admin.email() + "']");

        // A weak initial password: refused, on its field, and nobody is added.
        String email = "new-" + System.nanoTime() + "@example.com";
        type("#user-new-email", email);
        type("#user-new-password", "password");
        visible("#create-user").click();
        wait.until(ExpectedConditions.attributeToBe(By.id("user-new-password"), "aria-invalid", "true"));
        assertThat(visible("#create-user-form .field-error").getText()).contains("too common");

        String password = "an initial passphrase " + System.nanoTime();
        type("#user-new-password", password);
        new Select(visible("#user-new-role")).selectByValue("editor");
        type("#user-new-first-name", "Ada");
        type("#user-new-last-name", "Lovelace");
        visible("#create-user").click();
        WebElement row = visible("#users-body tr[data-email='" + email + "']");
        assertThat(row.getText()).contains("Ada Lovelace", "Editor", "Active");
        long id = Long.parseLong(row.getAttribute("data-user-id"));
        assertThat(api.login(email, password)).containsKey("access");

        // Change the role.
        row.findElement(By.cssSelector("button[data-action='role']")).click();
        new Select(visible("dialog[open] #change-role")).selectByValue("administrator");
        confirmDialog();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#users-body tr[data-email='" + email + "'] .user-role"), "Administrator"));
        assertThat(user(admin, id).path("role").asString()).isEqualTo("administrator");

        // A reset link, shown once with its expiry, works through the API's confirm endpoint.
        userRow(email)
                .findElement(By.cssSelector("button[data-action='reset']"))
                .click();
        String link = visible("#reset-link-url").getText();
        assertThat(visible("#reset-link-expiry").getText()).startsWith("It expires");
        visible("#copy-reset-link");
        browser.readmeScreenshot("admin-users");
        assertFitsAPhone("admin-users-narrow");
        String token = URI.create(link).getQuery().replaceFirst("^token=", "");
        String chosen = "chosen by the user " + System.nanoTime();
        assertThat(api.post("/api/auth/password-reset/confirm/", Map.of("token", token, "new_password", chosen))
                        .status())
                .isEqualTo(204);
        assertThat(api.login(email, chosen)).containsKey("access");
        visible("#reset-link-done").click();
        assertThat(browser.driver.findElements(By.id("reset-link-url"))).isEmpty();

        // Deactivate, after a confirmation: the user can no longer sign in, and stays listed.
        userRow(email)
                .findElement(By.cssSelector("button[data-action='deactivate']"))
                .click();
        assertThat(visible("dialog[open]").getText()).contains("Deactivate", email);
        confirmDialog();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#users-body tr[data-email='" + email + "'] .user-status"), "Deactivated"));
        assertThat(userRow(email).findElements(By.cssSelector("button"))).isEmpty();
        assertThat(user(admin, id).path("active").asBoolean()).isFalse();
        assertThat(api.post("/api/auth/login/", Map.of("email", email, "password", chosen))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void listsWhenManyThenPagedAndAuditLogFiltersByTypeUserAndTime() {
        Account admin = newUser(Role.ADMINISTRATOR);
        long organization = admin.user().organizationId();
        for (int i = 0; i < 10; i++) {
            newUserInOrganization(organization, Role.VIEWER);
        }
        signIn(admin);
        awaitSignedIn(admin);

        // Eleven users, ten a page.
        browser.driver.get(url("/admin/users"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#users-body tr"), 10));
        assertThat(visible("#users-range").getText()).isEqualTo("1–10 of 11");
        assertThat(visible("#users-previous").isEnabled()).isFalse();
        visible("#users-next").click();
        wait.until(ExpectedConditions.textToBe(By.id("users-range"), "11–11 of 11"));
        assertThat(browser.driver.findElements(By.cssSelector("#users-body tr")))
                .hasSize(1);
        assertThat(visible("#users-next").isEnabled()).isFalse();
        visible("#users-previous").click();
        wait.until(ExpectedConditions.textToBe(By.id("users-range"), "1–10 of 11"));

        // The audit log: 11 user_created and the sign-in; twenty a page, newest first.
        visible(".subnav a[href='/admin/audit-log']").click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/audit-log")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#events-body tr"), 12));
        List<WebElement> events = browser.driver.findElements(By.cssSelector("#events-body tr"));
        assertThat(events.getFirst().getAttribute("data-type"))
                .as("newest first")
                .isEqualTo("login_succeeded");
        assertThat(ids(events)).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        new Select(visible("#filter-type")).selectByValue("user_created");
        visible("#filter-apply").click();
        wait.until(ExpectedConditions.textToBe(By.id("events-range"), "1–11 of 11"));
        assertThat(browser.driver.findElements(By.cssSelector("#events-body tr")))
                .hasSize(11)
                .allSatisfy(event -> assertThat(event.getAttribute("data-type")).isEqualTo("user_created"));
        browser.readmeScreenshot("audit-log");
        assertFitsAPhone("audit-log-narrow");

        // The user filter: only the administrator's events.
        new Select(visible("#filter-type")).selectByValue("");
        type("#filter-user", String.valueOf(admin.user().id()));
        visible("#filter-apply").click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("events-range"), "1–11 of 11")));
        assertThat(browser.driver.findElements(By.cssSelector("#events-body tr")))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getText())
                        .contains("id " + admin.user().id()));
        type("#filter-user", "someone");
        visible("#filter-apply").click();
        wait.until(ExpectedConditions.attributeToBe(By.id("filter-user"), "aria-invalid", "true"));

        // A time range before any of it: nothing matches.
        type("#filter-user", "");
        browser.script("document.getElementById('filter-until').value = '2001-01-01T00:00:00';"
                + "document.getElementById('filter-since').value = '2000-01-01T00:00:00';");
        visible("#filter-apply").click();
        visible("#no-events");
        assertThat(visible("#events-range").getText()).isEqualTo("0 of 0");

        // Pages of events: more than twenty.
        for (int i = 0; i < 10; i++) {
            newUserInOrganization(organization, Role.VIEWER);
        }
        visible("#filter-clear").click();
        wait.until(ExpectedConditions.textToBe(By.id("events-range"), "1–20 of 22"));
        visible("#events-next").click();
        wait.until(ExpectedConditions.textToBe(By.id("events-range"), "21–22 of 22"));
        List<WebElement> older = browser.driver.findElements(By.cssSelector("#events-body tr"));
        assertThat(older.getLast().getAttribute("data-type"))
                .as("the oldest: the first user")
                .isEqualTo("user_created");
    }

    @Test
    void administrationWhenNotAnAdministratorThenNoLinkAndAPlainMessage() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account other = newUserInOrganization(admin.user().organizationId(), Role.ADMINISTRATOR);
        signIn(admin);
        awaitSignedIn(admin);
        visible("#nav-admin").click();
        WebElement row = visible("#users-body tr[data-email='" + other.email() + "']");

        // Demoted meanwhile by the other administrator: the API's 403 becomes the page's message.
        demoteToViewer(admin, other);
        row.findElement(By.cssSelector("button[data-action='reset']")).click();
        assertThat(visible("#users-error #administrators-only").getText()).contains("administrators only");
        assertThat(browser.driver.findElements(By.id("reset-link-url"))).isEmpty();

        // A non-administrator opening the URLs: no link in the navigation, and the message instead of the lists.
        for (String path : List.of("/admin/users", "/admin/audit-log")) {
            browser.driver.get(url(path));
            assertThat(visible("#administrators-only").getText()).contains("administrators only");
            assertThat(browser.driver.findElements(By.cssSelector("#users-table, #events-table, #create-user-form")))
                    .isEmpty();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("nav-admin")));
            visible("nav.mainnav a[href='/settings/security/sessions']");
        }
        assertFitsAPhone("administrators-only-narrow");
    }

    private WebElement userRow(String email) {
        return visible("#users-body tr[data-email='" + email + "']");
    }

    private tools.jackson.databind.JsonNode user(Account admin, long id) {
        TestClient.Response response = api.get("/api/users/" + id + "/", "Authorization", api.as(admin));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> ids(List<WebElement> rows) {
        return rows.stream()
                .map(row -> Long.parseLong(row.getAttribute("data-event-id")))
                .toList();
    }
}
