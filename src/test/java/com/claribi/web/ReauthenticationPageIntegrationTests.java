package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ShiftedClock;
import com.claribi.support.TestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Sudo mode in the web interface (headless Chromium), with the re-authentication window passed on the server's clock:
 * creating an API key then asks for the password in place; the right one lets the key be created without starting over,
 * a wrong one is shown next to the field and creates nothing. Ending another session, adding a user and giving a service account
 * a key go the same way.
 */
// A minute, which what a test does right after signing in (adding a service account) takes well inside even on a loaded
// machine (the page took 3 s for it on one); the test then moves the server's clock past the window instead of waiting.
@TestPropertySource(properties = "claribi.reauthentication-window=PT1M")
@Import(ShiftedClock.Configuration.class)
class ReauthenticationPageIntegrationTests extends BrowserIntegrationTest {

    @Test
    void createKeyWhenPasswordProofIsOldThenPageAsksForThePasswordAndCreatesTheKey() {
        Account account = newUser(Role.EDITOR);
        signInAndOpenApiKeys(account);
        waitOutTheWindow();
        type("#key-name", "Nightly export");
        visible("#create-key").click();

        WebElement dialog = visible("#reauth-dialog");
        assertThat(dialog.getText()).contains("password");
        assertThat(keyCount(account)).as("nothing created before the password").isZero();
        browser.screenshot("reauthentication");
        type("#reauth-password", account.password());
        visible("#reauth-submit").click();

        String secret = visible("#new-key-secret").getText();
        assertThat(secret).startsWith("claribi_sk_live_");
        assertThat(browser.driver.findElements(By.id("reauth-dialog"))).isEmpty();
        assertThat(keyCount(account)).isEqualTo(1);
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret).status()).isEqualTo(200);
    }

    @Test
    void createKeyWhenWrongPasswordEnteredThenErrorNextToTheFieldAndNoKey() {
        Account account = newUser(Role.EDITOR);
        signInAndOpenApiKeys(account);
        waitOutTheWindow();
        type("#key-name", "Warehouse sync");
        visible("#create-key").click();

        type("#reauth-password", "not the password");
        visible("#reauth-submit").click();
        WebElement error = visible("#reauth-dialog .field .field-error");
        assertThat(error.getText()).contains("password is incorrect");
        WebElement field = browser.driver.findElement(By.id("reauth-password"));
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        assertThat(keyCount(account)).isZero();

        // Cancelled: the page says why nothing happened, and still nothing is created.
        visible("#reauth-cancel").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reauth-dialog")));
        assertThat(visible("#create-key-form .form-alert").getText()).contains("confirm your password");
        assertThat(browser.driver.findElements(By.id("new-key-secret"))).isEmpty();
        assertThat(keyCount(account)).isZero();
    }

    @Test
    void endSessionWhenPasswordProofIsOldThenPageAsksForThePasswordAndEndsIt() {
        Account account = newUser(Role.VIEWER);
        String other = api.as(account);
        signIn(account);
        awaitSignedIn(account);
        visible("nav.mainnav a[href='/settings/security/sessions']").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 2));
        waitOutTheWindow();
        visible("#sessions-body tr:not(.current-session) button[data-action='end']")
                .click();
        visible("dialog[open] [data-confirm]").click();

        visible("#reauth-dialog");
        assertThat(api.get("/api/auth/status/", "Authorization", other).status())
                .as("nothing ended before the password")
                .isEqualTo(200);
        type("#reauth-password", account.password());
        visible("#reauth-submit").click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 1));
        visible("#sessions-body tr.current-session");
        assertThat(becomesTrue(() ->
                        api.get("/api/auth/status/", "Authorization", other).status() == 401))
                .isTrue();
    }

    @Test
    void addUserWhenPasswordProofIsOldThenPageAsksForThePasswordAndAddsTheUser() {
        Account admin = newUser(Role.ADMINISTRATOR);
        signIn(admin);
        awaitSignedIn(admin);
        visible("#nav-admin").click();
        visible("#create-user");
        waitOutTheWindow();
        String email = "added-" + System.nanoTime() + "@example.com";
        type("#user-new-email", email);
        type("#user-new-password", "an initial passphrase " + System.nanoTime());
        visible("#create-user").click();

        visible("#reauth-dialog");
        type("#reauth-password", admin.password());
        visible("#reauth-submit").click();

        assertThat(visible("#users-body tr[data-email='" + email + "']").getText())
                .contains("Viewer", "Active");
        assertThat(browser.driver.findElements(By.id("reauth-dialog"))).isEmpty();
    }

    @Test
    void addServiceAccountKeyWhenPasswordProofIsOldThenPageAsksForThePasswordAndCreatesTheKey() {
        Account admin = newUser(Role.ADMINISTRATOR);
        signIn(admin);
        awaitSignedIn(admin);
        browser.driver.get(url("/admin/service-accounts"));
        type("#service-account-new-name", "Metrics export");
        visible("#create-service-account").click();
        visible("#service-account-keys #no-keys");
        waitOutTheWindow();
        type("#key-name", "Hourly");
        visible("#create-key").click();

        visible("#reauth-dialog");
        assertThat(browser.driver.findElements(By.id("new-key-secret"))).isEmpty();
        type("#reauth-password", admin.password());
        visible("#reauth-submit").click();

        String secret = visible("#new-key-secret").getText();
        assertThat(browser.driver.findElements(By.id("reauth-dialog"))).isEmpty();
        assertThat(api.get("/api/auth/status/", "X-API-Key", secret)
                        .json()
                        .path("user")
                        .path("name")
                        .asString())
                .isEqualTo("Metrics export");
    }

    @Test
    void turnOnTwoFactorWhenPasswordProofIsOldThenPageAsksForThePasswordAndShowsTheSecret() {
        Account account = newUser(Role.VIEWER);
        signIn(account);
        awaitSignedIn(account);
        visible("nav.mainnav a[href='/settings/security/two-factor']").click();
        waitOutTheWindow();
        visible("#mfa-setup").click();

        visible("#reauth-dialog");
        assertFitsAPhone("reauth-dialog-narrow");
        type("#reauth-password", account.password());
        visible("#reauth-submit").click();

        assertThat(visible("#mfa-secret").getText()).isNotBlank();
        assertThat(visible("#mfa-qr").getAttribute("src")).startsWith("data:image/png;base64,");
    }

    private void signInAndOpenApiKeys(Account account) {
        signIn(account);
        awaitSignedIn(account);
        visible("nav.mainnav a[href='/settings/security/api-keys']").click();
        wait.until(ExpectedConditions.urlToBe(url("/settings/security/api-keys")));
        visible("#create-key");
    }

    /** The window is a minute and auth_time whole seconds: 61 s later on the server's clock the sign-in no longer counts. */
    private static void waitOutTheWindow() {
        ShiftedClock.SERVER.advance(Duration.ofSeconds(61));
    }

    private int keyCount(Account account) {
        String access = api.login(account.email(), account.password()).get("access");
        TestClient.Response keys = api.get("/api/api-keys/", "Authorization", TestClient.bearer(access));
        assertThat(keys.status()).isEqualTo(200);
        return keys.json().path("count").asInt();
    }
}
