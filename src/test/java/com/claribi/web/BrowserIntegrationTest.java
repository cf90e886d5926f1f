package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The server and a new headless Chromium for each test, which trusts the server's certificate; a test fails on any
 * Content-Security-Policy violation or script error in the browser's console, unless it says otherwise with {@link
 * #consoleMayShowErrors()}.
 */
abstract class BrowserIntegrationTest extends ServerIntegrationTest {

    protected HeadlessChromium browser;
    protected WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        HeadlessChromium.assumeInstalled();
        browser = HeadlessChromium.start(ServerIntegrationTest.DATA_DIR.resolve("tls/cert.pem"), 1280, 1000);
        wait = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser == null) {
            return;
        }
        List<String> console = browser.consoleMessages();
        browser.close();
        if (!consoleMayShowErrors()) {
            assertThat(console)
                    .as("browser console")
                    .noneMatch(line -> line.contains("Content Security Policy")
                            || line.contains("Uncaught")
                            || line.contains("SyntaxError"));
        }
    }

    /** Whether this class's tests provoke errors in the console on purpose (such as requests the test blocks). */
    protected boolean consoleMayShowErrors() {
        return false;
    }

    protected String url(String path) {
        return "https://localhost:" + port + path;
    }

    protected WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    protected void type(String css, String text) {
        WebElement input = visible(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Opens the site signed out, is sent to the sign-in page, and signs in (not waiting for the page after it). */
    protected void signIn(Account account) {
        browser.driver.get(url("/"));
        wait.until(ExpectedConditions.urlToBe(url("/sign-in")));
        type("#email", account.email());
        type("#password", account.password());
        visible("#sign-in-submit").click();
    }

    /** Waits until the page shows {@code account} signed in. */
    protected void awaitSignedIn(Account account) {
        wait.until(ExpectedConditions.textToBe(By.id("user-email"), account.email()));
    }
}
