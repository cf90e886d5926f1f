package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.TestSmtp;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in's "Forgot password?", the page that asks for the email, and the page the emailed link opens, in headless
 * Chromium at desktop and phone widths, with a real SMTP server: the main path and its refusals (a mistyped repeat, a
 * weak password, a spent link, a link without its token).
 */
class PasswordResetPagesIntegrationTests extends BrowserIntegrationTest {

    private static final TestSmtp SMTP = new TestSmtp();

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("claribi.smtp.url", SMTP::url);
        registry.add("claribi.public-url", () -> "https://claribi.example.com");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.close();
    }

    @Test
    void forgotPasswordThenEmailedLinkSetsTheNewPasswordOnce() throws Exception {
        Account account = newUser(Role.EDITOR);
        browser.driver.get(url("/sign-in"));
        visible("#forgot-password").click();
        wait.until(ExpectedConditions.urlToBe(url("/forgot-password")));
        visible("#forgot-submit").click();
        assertThat(visible(".field-error").getText()).contains("Enter your email address.");
        type("#email", account.email());
        visible("#forgot-submit").click();
        assertThat(visible("#forgot-sent").getText()).contains(account.email(), "30 minutes");
        browser.screenshot("forgot-password-sent");

        String token = SMTP.awaitResetToken(account.email());
        browser.driver.get(url("/reset-password?token=" + token));
        visible("#reset-form");
        assertThat(browser.driver.getCurrentUrl())
                .as("the token leaves the address bar")
                .isEqualTo(url("/reset-password"));

        type("#new-password", "a brand new long passphrase");
        type("#repeat-password", "a brand new long passphrasE");
        visible("#reset-submit").click();
        assertThat(visible(".field-error").getText()).contains("The two passwords differ.");

        type("#new-password", "password1");
        type("#repeat-password", "password1");
        visible("#reset-submit").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".field-error"), "common"));

        type("#new-password", "a brand new long passphrase");
        type("#repeat-password", "a brand new long passphrase");
        browser.readmeScreenshot("reset-password");
        visible("#reset-submit").click();
        assertThat(visible("#reset-done").getText()).contains("Your password is changed.");

        visible("#reset-sign-in").click();
        type("#email", account.email());
        type("#password", "a brand new long passphrase");
        visible("#sign-in-submit").click();
        awaitSignedIn(account);

        // The same link again, signed in or not: spent.
        browser.driver.get(url("/reset-password?token=" + token));
        type("#new-password", "yet another long passphrase");
        type("#repeat-password", "yet another long passphrase");
        visible("#reset-submit").click();
        assertThat(visible(".form-alert").getText()).contains("already used");
        assertThat(visible("#reset-form a[href='/forgot-password']").getText()).isEqualTo("Ask for a new link");
        assertThat(api.post(
                                "/api/auth/login/",
                                Map.of("email", account.email(), "password", "yet another long passphrase"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void resetPageWithTokenThenTheFormFitsAPhone() throws Exception {
        Account account = newUser(Role.VIEWER);
        assertThat(api.post("/api/auth/password-reset/", Map.of("email", account.email()))
                        .status())
                .isEqualTo(202);
        String token = SMTP.awaitResetToken(account.email());
        browser.driver.manage().window().setSize(new Dimension(375, 812));
        browser.driver.get(url("/reset-password?token=" + token));
        visible("#reset-form");
        visible("#reset-submit");
        assertFitsAPhone("reset-password-narrow");
    }

    @Test
    void resetPageWithAnExpiredLinkThenSaysTheLinkExpiredAndOffersANewOne() throws Exception {
        Account account = newUser(Role.VIEWER);
        api.post("/api/auth/password-reset/", Map.of("email", account.email()));
        String token = SMTP.awaitResetToken(account.email());
        JdbcClient.create(dataSource)
                .sql("update password_resets set expires_at = ? where user_id = ?")
                .params(
                        Timestamp.from(Instant.now().minusSeconds(1)),
                        account.user().id())
                .update();

        browser.driver.get(url("/reset-password?token=" + token));
        type("#new-password", "a brand new long passphrase");
        type("#repeat-password", "a brand new long passphrase");
        visible("#reset-submit").click();
        assertThat(visible(".form-alert").getText()).contains("invalid", "has expired");
        assertThat(visible("#reset-form a[href='/forgot-password']").getText()).isEqualTo("Ask for a new link");
        assertThat(api.login(account.email(), account.password()))
                .as("the password is unchanged")
                .containsKey("access");
    }

    @Test
    void resetPageWithoutTokenThenSaysSoAndNothingOverflowsOnAPhone() {
        browser.driver.manage().window().setSize(new Dimension(375, 812));
        browser.driver.get(url("/reset-password"));
        assertThat(visible(".alert-error").getText()).contains("needs the link from the email");
        browser.driver.get(url("/forgot-password"));
        visible("#forgot-form");
        assertFitsAPhone("forgot-password-narrow");
    }
}
