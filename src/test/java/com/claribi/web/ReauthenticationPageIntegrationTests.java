package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.TestClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.TestPropertySource;

/**
 * Sudo mode in the web interface (headless Chromium), with a two-second re-authentication window waited out: creating
 * an API key then asks for the password in place; the right one lets the key be created without starting over, a wrong
 * one is shown next to the field and creates nothing.
 */
@TestPropertySource(properties = "claribi.reauthentication-window=PT2S")
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

    private void signInAndOpenApiKeys(Account account) {
        signIn(account);
        awaitSignedIn(account);
        visible("nav.mainnav a[href='/settings/security/api-keys']").click();
        wait.until(ExpectedConditions.urlToBe(url("/settings/security/api-keys")));
        visible("#create-key");
    }

    /** The window is two seconds and auth_time whole seconds: after 3.5 s the sign-in no longer counts. */
    private static void waitOutTheWindow() {
        try {
            Thread.sleep(3500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int keyCount(Account account) {
        String access = api.login(account.email(), account.password()).get("access");
        TestClient.Response keys = api.get("/api/api-keys/", "Authorization", TestClient.bearer(access));
        assertThat(keys.status()).isEqualTo(200);
        return keys.json().path("count").asInt();
    }
}
