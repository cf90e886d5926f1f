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

/**
 * Settings > Security > Password and Sessions in headless Chromium: a refused change shows each problem on its field
 * and changes nothing; an accepted one says so and ends the other sessions; the sessions list shows this device and
 * another, ending the other makes its token refused, and signing out everywhere ends them all; at desktop and 375 px.
 */
class SettingsPagesIntegrationTests extends BrowserIntegrationTest {

    @Test
    void changePasswordWhenRefusedThenErrorsOnTheFieldsAndWhenAcceptedOtherSessionsEnd() {
        Account account = newUser(Role.EDITOR);
        String other = api.as(account);
        signIn(account);
        awaitSignedIn(account);
        visible("nav.mainnav a[href='/settings/security/password']").click();
        wait.until(ExpectedConditions.urlToBe(url("/settings/security/password")));

        // The repeat differs: checked on the page, before anything is sent.
        type("#old-password", account.password());
        type("#new-password", "a much longer passphrase 1");
        type("#repeat-password", "a much longer passphrase 2");
        visible("#password-submit").click();
        assertFieldError("#repeat-password", "differ");

        // A wrong current password: the API's answer is placed on that field.
        type("#old-password", "not the password");
        type("#repeat-password", "a much longer passphrase 1");
        visible("#password-submit").click();
        assertFieldError("#old-password", "incorrect");
        assertThat(browser.driver.findElement(By.id("repeat-password")).getAttribute("aria-invalid"))
                .as("the earlier problem is cleared")
                .isNull();

        // A weak new password: the policy's words, on the new password's field.
        type("#old-password", account.password());
        type("#new-password", "password");
        type("#repeat-password", "password");
        visible("#password-submit").click();
        assertFieldError("#new-password", "too common");
        browser.readmeScreenshot("password");
        assertThat(api.get("/api/auth/status/", "Authorization", other).status())
                .as("nothing changed yet: the other session still works")
                .isEqualTo(200);
        assertFitsAPhone("password-narrow");

        String newPassword = "a much longer passphrase 1";
        type("#old-password", account.password());
        type("#new-password", newPassword);
        type("#repeat-password", newPassword);
        visible("#password-submit").click();
        assertThat(visible("#password-changed").getText()).contains("other sessions were signed out");
        assertThat(becomesTrue(() ->
                        api.get("/api/auth/status/", "Authorization", other).status() == 401))
                .as("the other session ended")
                .isTrue();
        assertThat(api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password()))
                        .status())
                .isEqualTo(401);
        assertThat(api.login(account.email(), newPassword)).containsKey("access");

        // This session stays: the page still reads the API.
        visible("nav.mainnav a[href='/settings/security/sessions']").click();
        visible("#sessions-body tr.current-session");
    }

    @Test
    void sessionsWhenAnotherIsEndedThenItsTokenIsRefusedAndSignOutEverywhereEndsAll() {
        Account account = newUser(Role.VIEWER);
        String other = api.as(account);
        openSessionsPage(account);

        List<WebElement> rows =
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 2));
        WebElement current = visible("#sessions-body tr.current-session");
        assertThat(current.getText()).contains("This device", "Sign out");
        WebElement otherRow = rows.stream()
                .filter(row -> !row.getAttribute("class").contains("current-session"))
                .findFirst()
                .orElseThrow();
        assertThat(otherRow.findElement(By.cssSelector("td[data-label='Device']"))
                        .getText())
                .as("a readable summary of the user agent")
                .isEqualTo("Java");
        assertThat(otherRow.findElement(By.cssSelector("td[data-label='Address']"))
                        .getText())
                .isNotBlank()
                .isNotEqualTo("—");
        browser.readmeScreenshot("sessions");
        assertFitsAPhone("sessions-narrow");

        String otherId = otherRow.getAttribute("data-session-id");
        otherRow.findElement(By.cssSelector("button[data-action='end']")).click();
        confirmDialog();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 1));
        assertThat(browser.driver.findElements(By.cssSelector("#sessions-body tr[data-session-id='" + otherId + "']")))
                .isEmpty();
        assertThat(becomesTrue(() ->
                        api.get("/api/auth/status/", "Authorization", other).status() == 401))
                .as("the ended session's token is refused")
                .isTrue();

        // A third session, then sign out everywhere: this browser goes to sign-in and the third session ends too.
        String third = api.as(account);
        browser.driver.navigate().refresh();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 2));
        visible("#sign-out-everywhere").click();
        confirmDialog();
        wait.until(ExpectedConditions.urlToBe(url("/sign-in")));
        assertThat(becomesTrue(() ->
                        api.get("/api/auth/status/", "Authorization", third).status() == 401))
                .isTrue();
        // A reload finds no session: the refresh cookie's session ended with the others.
        browser.driver.get(url("/settings/security/sessions"));
        wait.until(ExpectedConditions.urlContains("/sign-in"));
        visible("#email");
        assertThat(sessionCount(account))
                .as("only the session this check opened")
                .isEqualTo(1);
    }

    @Test
    void endingASessionThatIsAlreadyGoneThenAnErrorAndThePageStillWorks() {
        Account account = newUser(Role.VIEWER);
        Map<String, String> other = api.login(account.email(), account.password());
        openSessionsPage(account);
        List<WebElement> rows =
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 2));
        WebElement otherRow = rows.stream()
                .filter(row -> !row.getAttribute("class").contains("current-session"))
                .findFirst()
                .orElseThrow();

        // The other session signs itself out while the page still lists it.
        assertThat(api.post("/api/auth/logout/", "", "Authorization", TestClient.bearer(other.get("access")))
                        .status())
                .isEqualTo(204);
        otherRow.findElement(By.cssSelector("button[data-action='end']")).click();
        confirmDialog();

        assertThat(visible("#sessions-error .alert-error").getText()).contains("No live session with this id.");
        visible("#sessions-body tr.current-session");
        browser.driver.navigate().refresh();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sessions-body tr"), 1));
        visible("#sessions-body tr.current-session");
    }

    private void assertFieldError(String input, String text) {
        WebElement field = visible(input);
        wait.until(ExpectedConditions.attributeToBe(field, "aria-invalid", "true"));
        WebElement error = field.findElement(By.xpath("./ancestor::div[contains(@class,'field')][1]"))
                .findElement(By.className("field-error"));
        assertThat(error.getText()).containsIgnoringCase(text);
        assertThat(field.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
    }

    private int sessionCount(Account account) {
        TestClient.Response sessions = api.get("/api/auth/sessions/", "Authorization", api.as(account));
        assertThat(sessions.status()).isEqualTo(200);
        return sessions.json().path("count").asInt();
    }

    /** Signs {@code account} in and opens Settings > Security > Sessions from the main navigation. */
    private void openSessionsPage(Account account) {
        signIn(account);
        awaitSignedIn(account);
        visible("nav.mainnav a[href='/settings/security/sessions']").click();
        wait.until(ExpectedConditions.urlToBe(url("/settings/security/sessions")));
    }
}
