package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.TestPropertySource;

/**
 * With access tokens that live 4 seconds, a signed-in page keeps working long after the first one expired: it
 * refreshes in the background with the cookie before each token expires, and when that could not happen, refreshes
 * once on the 401 and repeats the request.
 */
@TestPropertySource(properties = {"claribi.access-token-ttl=PT4S", "claribi.rate-limit.address-per-minute=100000"})
class SilentRefreshIntegrationTests extends BrowserIntegrationTest {

    /** The refresh requests this class blocks on purpose fail in the console. */
    @Override
    protected boolean consoleMayShowErrors() {
        return true;
    }

    @Test
    void pageRefreshesTheAccessTokenBeforeItExpires() throws InterruptedException {
        Account account = newUser(Role.VIEWER);
        signIn(account);
        awaitSignedIn(account);
        recordRequests(false);

        Thread.sleep(9_000);
        browser.driver
                .findElement(By.cssSelector("nav.mainnav a[href='/settings/security/two-factor']"))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-setup")));

        // Two tokens expired meanwhile; the page refreshed at 80% of each lifetime, so no request met an expired one.
        List<String> requests = requests();
        assertThat(requests.stream().filter(r -> r.equals("/api/auth/token/refresh/ 200")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(requests).contains("/api/auth/mfa/ 200").noneMatch(r -> r.endsWith(" 401"));
    }

    @Test
    void pageRefreshesOnceOnA401AndRepeatsTheRequest() throws InterruptedException {
        Account account = newUser(Role.VIEWER);
        signIn(account);
        awaitSignedIn(account);
        // The background refresh cannot reach the server while the token expires (as on a laptop asleep).
        recordRequests(true);
        Thread.sleep(6_000);
        browser.script("window.blockRefresh = false");

        browser.driver
                .findElement(By.cssSelector("nav.mainnav a[href='/settings/security/api-keys']"))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-keys")));
        // The list request met the expired token (401), the page refreshed once, and the repeated request succeeded.
        assertThat(requests())
                .containsExactly(
                        "/api/api-keys/?page_size=100 401",
                        "/api/auth/token/refresh/ 200",
                        "/api/api-keys/?page_size=100 200");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/settings/security/api-keys");
    }

    /** Records the page's API requests and their statuses; optionally fails every refresh as a network error. */
    private void recordRequests(boolean blockRefresh) {
        browser.script("""
                const original = window.fetch;
                window.blockRefresh = arguments[0];
                window.requests = [];
                window.fetch = async (input, init) => {
                    if (window.blockRefresh && String(input).includes('/api/auth/token/refresh/')) {
                        throw new TypeError('offline');
                    }
                    const response = await original(input, init);
                    window.requests.push(String(input) + ' ' + response.status);
                    return response;
                };""", blockRefresh);
    }

    @SuppressWarnings("unchecked")
    private List<String> requests() {
        return (List<String>) browser.script("return window.requests");
    }
}
