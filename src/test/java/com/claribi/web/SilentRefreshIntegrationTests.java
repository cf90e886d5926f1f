package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;

/**
 * With access tokens that live 4 seconds, a signed-in page keeps working long after the first one expired: it
 * refreshes in the background with the cookie before each token expires.
 */
@TestPropertySource(properties = {"claribi.access-token-ttl=PT4S", "claribi.rate-limit.address-per-minute=100000"})
class SilentRefreshIntegrationTests extends ServerIntegrationTest {

    private HeadlessChromium browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        HeadlessChromium.assumeInstalled();
        browser = HeadlessChromium.start(ServerIntegrationTest.DATA_DIR.resolve("tls/cert.pem"), 1280, 1000);
        wait = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void pageRefreshesTheAccessTokenBeforeItExpires() throws InterruptedException {
        Account account = newUser(Role.VIEWER);
        browser.driver.get("https://localhost:" + port + "/sign-in");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")))
                .sendKeys(account.email());
        browser.driver.findElement(By.id("password")).sendKeys(account.password());
        browser.driver.findElement(By.id("sign-in-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("user-email"), account.email()));

        Thread.sleep(9_000);

        // Two tokens have expired meanwhile; the page refreshed at 80% of each lifetime, without a failed request.
        Object refreshes = browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.endsWith('/api/auth/token/refresh/') && e.responseStatus === 200).length");
        assertThat((Long) refreshes).isGreaterThanOrEqualTo(2L);
        browser.driver
                .findElement(By.cssSelector("nav.mainnav a[href='/settings/security/two-factor']"))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-setup")));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/settings/security/two-factor");
        Object refused = browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/') && !e.name.endsWith('/api/auth/token/refresh/')"
                + " && e.responseStatus === 401).length");
        assertThat(refused).as("API requests refused for an expired token").isEqualTo(0L);
    }
}
