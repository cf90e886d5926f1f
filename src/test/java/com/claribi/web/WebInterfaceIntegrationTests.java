package com.claribi.web;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.TestAuthenticator;
import com.claribi.support.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web interface in a real browser (headless Chromium): sign in, create a read-only API key and use its secret from
 * the page, revoke it on the page; enrol two-factor authentication from the page's secret, sign out, and sign in again
 * through the code step.
 */
class WebInterfaceIntegrationTests extends BrowserIntegrationTest {

    private static final String REFRESH_COOKIE = "__Secure-claribi-refresh";
    private static final String BINDING_COOKIE = "__Host-claribi-refresh-binding";

    private void awaitHome(Account account) {
        awaitSignedIn(account);
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(url("/"));
    }

    private void assertNoTokenInWebStorage() {
        assertThat(browser.script("return localStorage.length + sessionStorage.length"))
                .isEqualTo(0L);
        // The refresh cookie is HttpOnly: scripts do not see it.
        assertThat((String) browser.script("return document.cookie")).doesNotContain(REFRESH_COOKIE);
    }

    private static <T> T eventually(Supplier<T> attempt, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T result = attempt.get();
        while (!done.test(result) && System.nanoTime() < deadline) {
            sleep(250);
            result = attempt.get();
        }
        return result;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pagesCarryTheContentSecurityPolicyAndNoReferrer() {
        for (String path : List.of(
                "/",
                "/sign-in",
                "/forgot-password",
                "/reset-password",
                // The token is in the address: no-referrer keeps it from leaving with a request to anywhere else.
                "/reset-password?token=AbC-123_xyz",
                "/settings/security/api-keys",
                "/settings/security/two-factor",
                "/settings/security/password",
                "/settings/security/sessions",
                "/admin/users",
                "/admin/service-accounts",
                "/admin/api-keys",
                "/admin/audit-log",
                "/assets/js/main.js")) {
            TestClient.Response page = api.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Security-Policy"))
                    .as(path)
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(page.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        assertThat(api.get("/sign-in").header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(api.get("/sign-in").text()).doesNotContain("<script>", "style=");
        // Over plain HTTP the pages move to HTTPS.
        TestClient.Response plain = api.get("http://localhost:" + httpPort + "/settings/security/api-keys");
        assertThat(plain.status()).isEqualTo(308);
        assertThat(plain.header("Location")).isEqualTo(url("/settings/security/api-keys"));
        // The API keeps its own answers: no page policy there.
        assertThat(api.get("/api/health/").header("Content-Security-Policy")).isNull();
    }

    @Test
    void apiDocumentationCarriesItsContentSecurityPolicyAndRendersUnderIt() {
        for (String path : List.of("/api/docs/", "/api/swagger-ui/index.html", "/api/schema", "/api/schema/")) {
            TestClient.Response docs = api.get(path);
            assertThat(docs.header("Content-Security-Policy"))
                    .as(path)
                    .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
                            + " form-action 'self'; object-src 'none'");
            assertThat(docs.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(docs.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }

        // Swagger UI runs under that policy: it loads the schema and shows the title, with no violation in the
        // console (checked after each test).
        browser.driver.get(url("/api/docs/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".swagger-ui .info .title"), "clariBI API"));
        visible(".swagger-ui .opblock");
    }

    @Test
    void signInCreateReadOnlyKeyUseItThenRevokeItOnThePage() {
        Account account = newUser(Role.ADMINISTRATOR);
        signIn(account);
        awaitHome(account);
        browser.screenshot("home");
        assertThat(visible("#organization-name").getText()).isEqualTo("Org of " + account.email());
        assertNoTokenInWebStorage();

        // A reload keeps the user signed in: the page gets a new access token with the refresh cookie.
        browser.driver.navigate().refresh();
        awaitHome(account);

        visible("nav.mainnav a[href='/settings/security/api-keys']").click();
        wait.until(ExpectedConditions.urlToBe(url("/settings/security/api-keys")));
        type("#key-name", "Nightly export");
        assertThat(visible("#scope-read-only").isSelected()).isTrue();
        // A key expires after 90 days unless the user chooses otherwise; no expiry comes with a warning.
        assertThat(visible("#key-expiry").getAttribute("value")).isEqualTo("90");
        assertThat(browser.driver.findElement(By.id("no-expiry-warning")).isDisplayed())
                .isFalse();
        visible("#key-expiry option[value='never']").click();
        assertThat(visible("#no-expiry-warning").getText()).contains("works until someone revokes it");
        visible("#key-expiry option[value='custom']").click();
        assertThat(browser.driver.findElement(By.id("no-expiry-warning")).isDisplayed())
                .isFalse();
        visible("#key-expires");
        visible("#key-expiry option[value='90']").click();
        assertThat(browser.driver.findElement(By.id("key-expires")).isDisplayed())
                .isFalse();
        visible("#create-key").click();

        String secret = visible("#new-key-secret").getText();
        assertThat(secret).startsWith("claribi_sk_live_").hasSize(54);
        assertThat(visible("#new-key").getText()).contains("you will not see it again");
        WebElement row = visible("#keys-body tr[data-key-prefix='" + secret.substring(0, 24) + "']");
        assertThat(row.getText()).contains("Nightly export", "Read-only", "Active");
        assertThat(row.findElement(By.cssSelector("td[data-label='Expires']")).getText())
                .as("the 90-day default")
                .isNotBlank()
                .isNotEqualTo("Never");
        browser.readmeScreenshot("api-keys");

        // On a phone-sized screen nothing overflows sideways, and every control can be tapped.
        assertFitsAPhone("api-keys-narrow");

        // The secret read from the page works over HTTPS, read-only.
        TestClient.Response status = api.get("/api/auth/status/", "X-API-Key", secret);
        assertThat(status.status()).as(status.text()).isEqualTo(200);
        assertThat(status.json().path("user").path("email").asString()).isEqualTo(account.email());

        // The use shows in the key's activity on the page (written within 2 seconds).
        String activity = eventually(
                () -> {
                    WebElement toggle = visible("#keys-body tr[data-key-prefix='" + secret.substring(0, 24)
                            + "'] button[data-action='activity']");
                    if ("true".equals(toggle.getAttribute("aria-expanded"))) {
                        toggle.click();
                    }
                    toggle.click();
                    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr.activity-row")))
                            .getText();
                },
                text -> text.contains("/api/auth/status/"));
        assertThat(activity).contains("GET /api/auth/status/", "200");

        visible("#keys-body tr[data-key-prefix='" + secret.substring(0, 24) + "'] button[data-action='revoke']")
                .click();
        WebElement dialog = visible("dialog[open]");
        assertThat(dialog.getText()).contains("Revoke this key?", "Nightly export");
        dialog.findElement(By.cssSelector("button[data-confirm]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#keys-body tr[data-key-prefix='" + secret.substring(0, 24) + "'] .key-status"),
                "Revoked"));

        TestClient.Response refused =
                eventually(() -> api.get("/api/auth/status/", "X-API-Key", secret), r -> r.status() == 401);
        assertThat(refused).isError(401, "invalid_api_key");

        // The refresh cookie as the browser holds it: HttpOnly, Secure, SameSite=Strict, only for /api/auth/.
        browser.driver.get(url("/api/auth/status/"));
        Cookie cookie = browser.driver.manage().getCookieNamed(REFRESH_COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/api/auth/");
        // With its binding: host-only (no Domain), for the whole site, so that a sibling host cannot plant one.
        Cookie binding = browser.driver.manage().getCookieNamed(BINDING_COOKIE);
        assertThat(binding).isNotNull();
        assertThat(binding.isHttpOnly()).isTrue();
        assertThat(binding.isSecure()).isTrue();
        assertThat(binding.getSameSite()).isEqualTo("Strict");
        assertThat(binding.getPath()).isEqualTo("/");
        assertThat(binding.getDomain()).isEqualTo("localhost");
    }

    @Test
    void signOutThatFailsKeepsTheUserSignedInAndSaysSo() {
        Account account = newUser(Role.VIEWER);
        signIn(account);
        awaitHome(account);

        // The server answers the sign-out with an error (as a database outage would).
        browser.script("""
                const original = window.fetch;
                window.__restoreFetch = () => { window.fetch = original; };
                window.fetch = (input, init) => String(input).includes('/api/auth/logout/')
                    ? Promise.resolve(new Response(
                        '{"error":"service_unavailable","message":"Unavailable.","detail":""}',
                        { status: 503, headers: { 'Content-Type': 'application/json' } }))
                    : original(input, init);""");
        visible("#sign-out").click();
        wait.until(ExpectedConditions.textToBe(By.id("sign-out-error"), "Sign-out failed, try again"));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(visible("#user-email").getText()).isEqualTo(account.email());
        assertThat(visible("#sign-out").isEnabled()).isTrue();

        // Once the server answers again, the same button signs out.
        browser.script("window.__restoreFetch()");
        visible("#sign-out").click();
        wait.until(ExpectedConditions.urlToBe(url("/sign-in")));
        assertThat(browser.driver.findElement(By.id("sign-out-error")).isDisplayed())
                .isFalse();
        browser.driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
    }

    @Test
    void anotherAccountSigningInInAnotherTabReplacesTheUserShown() {
        Account first = newUser(Role.VIEWER);
        Account second = newUser(Role.VIEWER);
        signIn(first);
        awaitHome(first);

        // Another tab of the same browser signs in as someone else: the server ends the first session and the
        // cookies now belong to the second.
        Object status = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/auth/login/', {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json', 'X-Claribi-Client': 'web' },
                  body: JSON.stringify({ email: arguments[0], password: arguments[1] }),
                  credentials: 'same-origin',
                }).then((response) => done(response.status), (error) => done(String(error)));""", second.email(), second.password());
        assertThat(status).isEqualTo(200L);

        // This tab's next request is refused (its session ended), refreshes with the cookie, and finds another user.
        visible("nav.mainnav a[href='/settings/security/api-keys']").click();
        wait.until(ExpectedConditions.textToBe(By.id("account-email"), second.email()));
        wait.until(ExpectedConditions.textToBe(By.id("user-email"), second.email()));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(url("/"));
    }

    @Test
    void rotateOnThePageWithoutGraceThenOnlyTheNewSecretWorks() {
        Account account = newUser(Role.EDITOR);
        signIn(account);
        awaitHome(account);
        browser.driver.get(url("/settings/security/api-keys"));
        type("#key-name", "Warehouse sync");
        visible("#scope-read-write").click();
        visible("#create-key").click();
        String old = visible("#new-key-secret").getText();
        visible("#new-key-done").click();

        visible("#keys-body tr[data-key-prefix='" + old.substring(0, 24) + "'] button[data-action='rotate']")
                .click();
        WebElement dialog = visible("dialog[open]");
        new Select(dialog.findElement(By.name("grace_period_seconds"))).selectByValue("0");
        dialog.findElement(By.cssSelector("button[data-confirm]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-key-title"), "rotated"));
        String fresh = visible("#new-key-secret").getText();
        assertThat(fresh).startsWith("claribi_sk_live_").isNotEqualTo(old);
        assertThat(visible("#new-key").getText()).contains("has stopped working");
        assertThat(visible("#keys-body tr[data-key-prefix='" + fresh.substring(0, 24) + "']")
                        .getText())
                .contains("Warehouse sync", "Read & write", "Active");

        assertThat(api.get("/api/auth/status/", "X-API-Key", fresh).status()).isEqualTo(200);
        TestClient.Response refused =
                eventually(() -> api.get("/api/auth/status/", "X-API-Key", old), r -> r.status() == 401);
        assertThat(refused.error()).isEqualTo("invalid_api_key");
    }

    @Test
    void enrolTwoFactorOnThePageThenSignInAgainThroughTheCodeStep() {
        Account account = newUser(Role.EDITOR);
        signIn(account);
        awaitHome(account);

        browser.driver.get(url("/settings/security/two-factor"));
        visible("#mfa-setup").click();
        String secret = visible("#mfa-secret").getText().replace(" ", "");
        assertThat(visible("#mfa-qr").getAttribute("src")).startsWith("data:image/png;base64,");
        assertThat(secret).matches("[A-Z2-7]{32}");
        browser.readmeScreenshot("two-factor");

        // The code of the step before the current one confirms (as a phone a little behind would); the current
        // step's code stays unused for the sign-in below.
        TestAuthenticator authenticator = new TestAuthenticator(secret);
        long step = TestAuthenticator.steadyStep();
        type("#mfa-confirm-code", authenticator.code(step - 1));
        visible("#mfa-confirm").click();
        List<String> recoveryCodes =
                visible("#mfa-recovery-codes").findElements(By.cssSelector(".recovery-codes li")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(recoveryCodes).hasSize(10).allMatch(code -> code.matches("[0-9a-z]{4}(-[0-9a-z]{4}){3}"));
        assertThat(visible("#mfa-recovery-codes").getText()).contains("you will not see them again");
        visible("#mfa-codes-done").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mfa-status"), "On"));

        visible("#sign-out").click();
        wait.until(ExpectedConditions.urlToBe(url("/sign-in")));
        assertNoTokenInWebStorage();
        // The session ended with the cookie: a reload stays signed out.
        browser.driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));

        type("#email", account.email());
        type("#password", account.password());
        visible("#sign-in-submit").click();
        visible("#code-form");
        assertThat(visible("#toggle-recovery").getText()).isEqualTo("Use a recovery code instead");
        type("#code", "12345");
        visible("#code-submit").click();
        assertThat(visible("#code-form .field-error").getText()).contains("incorrect");
        browser.screenshot("sign-in-code");

        type("#code", authenticator.code(step));
        visible("#code-submit").click();
        awaitHome(account);

        // And once more with a recovery code, through the link.
        visible("#sign-out").click();
        wait.until(ExpectedConditions.urlToBe(url("/sign-in")));
        type("#email", account.email());
        type("#password", account.password());
        visible("#sign-in-submit").click();
        visible("#toggle-recovery").click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for='code']"), "Recovery code"));
        type("#code", recoveryCodes.getFirst());
        visible("#code-submit").click();
        awaitHome(account);

        // New recovery codes, then MFA off, each confirmed with a recovery code typed on the page.
        visible("nav.mainnav a[href='/settings/security/two-factor']").click();
        assertThat(visible("#mfa-codes-remaining").getText()).startsWith("9 of 10");
        type("#mfa-regenerate-code", recoveryCodes.get(1));
        visible("#mfa-regenerate").click();
        List<String> newCodes =
                visible("#mfa-recovery-codes").findElements(By.cssSelector(".recovery-codes li")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(newCodes).hasSize(10).doesNotContainAnyElementsOf(recoveryCodes);
        visible("#mfa-codes-done").click();
        type("#mfa-disable-code", recoveryCodes.get(2));
        visible("#mfa-disable").click();
        assertThat(visible("#mfa-disable-form .field-error").getText()).contains("incorrect");
        type("#mfa-disable-code", newCodes.getFirst());
        visible("#mfa-disable").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mfa-status"), "Off"));
    }
}
