package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
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

    /** Waits up to 10 s for {@code condition}, which another process may make true within a second. */
    protected static boolean becomesTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    /** Opens the site signed out, is sent to the sign-in page, and signs in (not waiting for the page after it). */
    protected void signIn(Account account) {
        browser.driver.get(url("/"));
        wait.until(ExpectedConditions.urlToBe(url("/sign-in")));
        type("#email", account.email());
        type("#password", account.password());
        visible("#sign-in-submit").click();
    }

    /**
     * Narrows the window to a 375 px phone, checks that no element of the page reaches past the screen's right edge,
     * that every control shown (links, buttons, fields) lies within the screen's width and that those in view are what
     * a tap on their middle hits, saves a screenshot named {@code name}, and widens the window back to the desktop
     * size.
     */
    protected void assertFitsAPhone(String name) {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        assertThat(browser.script("return window.innerWidth")).isEqualTo(375L);
        browser.screenshot(name);
        assertThat(browser.script("""
                        const width = document.documentElement.clientWidth;
                        return [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > width + 1)
                            .map(e => e.tagName + '#' + e.id + '.' + e.className);"""))
                .as("elements wider than a 375px screen")
                .asList()
                .isEmpty();
        // Usable, not only laid out: every control shown lies within the screen's width, and those in view are what a
        // tap on their middle hits (nothing covers them).
        assertThat(browser.script("""
                        const width = document.documentElement.clientWidth;
                        const height = window.innerHeight;
                        const modal = document.querySelector('dialog[open]'); // only its controls can be tapped
                        return [...(modal || document).querySelectorAll('a[href], button, input, select, textarea')]
                            .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                            .filter(e => e.getBoundingClientRect().width >= 2 && e.getBoundingClientRect().height >= 2)
                            .filter(e => e.type !== 'hidden')
                            .filter(e => !e.classList.contains('skip-link')) // shown only when focused, on purpose
                            .filter(e => {
                                const box = e.getBoundingClientRect();
                                if (box.left < -1 || box.right > width + 1) {
                                    return true;
                                }
                                if (box.top < 0 || box.bottom > height) {
                                    return false;
                                }
                                const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                                return hit === null || !(hit === e || e.contains(hit)
                                    || (e.labels && [...e.labels].some(l => l.contains(hit))));
                            })
                            .map(e => e.tagName + '#' + e.id + '.' + e.className + ' "'
                                + (e.textContent || e.name || '').trim().slice(0, 40) + '"');"""))
                .as("controls a tap on a 375px screen cannot reach")
                .asList()
                .isEmpty();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }

    /** Clicks the confirming button of the open dialog ({@code ui.js dialog()}). */
    protected void confirmDialog() {
        visible("dialog[open] [data-confirm]").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
    }

    /** Waits until the page shows {@code account} signed in. */
    protected void awaitSignedIn(Account account) {
        wait.until(ExpectedConditions.textToBe(By.id("user-email"), account.email()));
    }

    /** {@code administrator} made a viewer through the API by {@code by}, another administrator (a role change meanwhile). */
    protected void demoteToViewer(Account administrator, Account by) {
        com.claribi.support.TestClient.Response demoted = api.send(
                "PATCH",
                "/api/users/" + administrator.user().id() + "/",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"role\": \"viewer\"}"),
                "Authorization",
                api.as(by),
                "Content-Type",
                "application/json");
        assertThat(demoted.status()).as(demoted.text()).isEqualTo(200);
    }
}
