package com.claribi.identity;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.claribi.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password reset (API.md, "Password reset"): by email through a real SMTP server (GreenMail, with a user and password
 * in {@code CLARIBI_SMTP_URL}), and by an administrator's link; every way a request, a link or a confirmation is
 * refused, by name. The per-address budget is lowered to 40 an hour so its refusal can be reached; the test that spends
 * it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordResetIntegrationTests extends ServerIntegrationTest {

    private static final String PUBLIC_URL = "https://claribi.example.com";
    private static final Pattern LINK =
            Pattern.compile(Pattern.quote(PUBLIC_URL) + "/reset-password\\?token=([A-Za-z0-9_-]+)");
    private static final TestSmtp SMTP = new TestSmtp();
    private static final String NEW_PASSWORD = "a brand new long passphrase";

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("claribi.smtp.url", SMTP::url);
        registry.add("claribi.smtp.from", () -> "clariBI <no-reply@claribi.example.com>");
        registry.add("claribi.public-url", () -> PUBLIC_URL + "/");
        registry.add("claribi.password-reset.per-address", () -> "40");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.close();
    }

    @Test
    @Order(1)
    void requestForKnownUserThenEmailWithSingleUseLinkAndResetEndsEverySession() throws Exception {
        Account account = newUser(Role.EDITOR);
        Map<String, String> session = api.login(account.email(), account.password());

        assertThat(api.post(
                        "/api/auth/password-reset/",
                        Map.of("email", account.email().toUpperCase())))
                .hasStatus(202);
        MimeMessage email = awaitEmailTo(account.email());
        assertThat(email.getSubject()).isEqualTo("Reset your clariBI password");
        assertThat(email.getFrom()[0].toString()).contains("no-reply@claribi.example.com");
        String token = token(email);
        assertThat(storedHashes(account))
                .as("only the token's SHA-256 is stored")
                .containsExactly(sha256(token));

        assertThat(confirm(token, "password1")).isValidationError("new_password");
        assertThat(confirm(token, NEW_PASSWORD)).hasStatus(204);

        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(session.get("access"))))
                .isError(401, "invalid_token");
        assertThat(api.post("/api/auth/token/refresh/", Map.of("refresh", session.get("refresh"))))
                .isError(401, "invalid_token");
        assertThat(api.post("/api/auth/login/", Map.of("email", account.email(), "password", account.password())))
                .isError(401, "invalid_credentials");
        assertThat(api.login(account.email(), NEW_PASSWORD)).containsKey("access");
        assertThat(confirm(token, "yet another long passphrase")).as("spent").isError(400, "invalid_token");
        assertThat(auditTypes(account)).contains("password_reset_requested", "password_reset");
    }

    @Test
    @Order(2)
    void requestForUnknownOrDeactivatedEmailThenSameAnswerAndNoEmail() throws Exception {
        Account deactivated = newUser(Role.VIEWER);
        membership.deactivate(deactivated.user().id(), true, com.claribi.platform.ClientInfo.COMMAND_LINE);
        int before = SMTP.received();
        TestClient.Response unknown = api.post("/api/auth/password-reset/", Map.of("email", "nobody@example.com"));
        TestClient.Response inactive = api.post("/api/auth/password-reset/", Map.of("email", deactivated.email()));
        assertThat(unknown).hasStatus(202);
        assertThat(inactive).hasStatus(202);
        assertThat(unknown.text()).isEqualTo(inactive.text());

        // A known active user's email, asked after them, arrives; by then the two before it were long decided.
        Account known = newUser(Role.VIEWER);
        assertThat(api.post("/api/auth/password-reset/", Map.of("email", known.email())))
                .hasStatus(202);
        awaitEmailTo(known.email());
        assertThat(SMTP.received()).isEqualTo(before + 1);
    }

    @Test
    @Order(2)
    void requestForKnownActiveOrUnknownEmailThenIdenticalAnswer() throws Exception {
        Account known = newUser(Role.VIEWER);
        TestClient.Response forKnown = api.post("/api/auth/password-reset/", Map.of("email", known.email()));
        TestClient.Response forUnknown =
                api.post("/api/auth/password-reset/", Map.of("email", "nobody-" + known.email()));
        assertThat(forKnown).hasStatus(202);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
        assertThat(headersThatMatter(forUnknown)).isEqualTo(headersThatMatter(forKnown));
        awaitEmailTo(known.email());
    }

    @Test
    @Order(2)
    void oneLinkConfirmedThenEveryOtherOpenLinkOfTheUserIsSpent() throws Exception {
        Account account = newUser(Role.VIEWER);
        String first = emailedToken(account);
        api.post("/api/auth/password-reset/", Map.of("email", account.email()));
        awaitEmailsTo(account.email(), 2);
        String second = token(emailsTo(account.email()).getLast());
        assertThat(second).isNotEqualTo(first);

        assertThat(confirm(second, NEW_PASSWORD)).hasStatus(204);
        assertThat(confirm(first, NEW_PASSWORD + " again"))
                .as("the older link, never used, is spent too")
                .isError(400, "invalid_token");
        assertThat(api.login(account.email(), NEW_PASSWORD)).containsKey("access");
    }

    @Test
    @Order(2)
    void linkOfAUserDeactivatedMeanwhileThenInvalidToken() throws Exception {
        Account account = newUser(Role.VIEWER);
        String token = emailedToken(account);
        membership.deactivate(account.user().id(), true, com.claribi.platform.ClientInfo.COMMAND_LINE);

        assertThat(confirm(token, NEW_PASSWORD)).isError(400, "invalid_token");
        assertThat(JdbcClient.create(dataSource)
                        .sql("select count(*) from password_resets where user_id = ? and used_at is null")
                        .param(account.user().id())
                        .query(Long.class)
                        .single())
                .as("the refused link was not spent")
                .isEqualTo(1L);
    }

    @Test
    @Order(3)
    void requestWithoutEmailOrWithBadBodyThenRefused() {
        assertThat(api.post("/api/auth/password-reset/", Map.of())).isValidationError("email");
        assertThat(api.post("/api/auth/password-reset/", Map.of("email", "x".repeat(321) + "@example.com")))
                .isValidationError("email");
        assertThat(api.send(
                        "POST",
                        "/api/auth/password-reset/",
                        HttpRequest.BodyPublishers.ofString("{\"email\": "),
                        "Content-Type",
                        "application/json"))
                .isError(400, "bad_request");
        assertThat(api.send(
                        "POST",
                        "/api/auth/password-reset/",
                        HttpRequest.BodyPublishers.ofString("email=a@b.c"),
                        "Content-Type",
                        "application/x-www-form-urlencoded"))
                .hasStatus(415);
        assertThat(api.post("/api/auth/password-reset/confirm/", Map.of("token", "abc")))
                .isValidationError("new_password");
        assertThat(api.post("/api/auth/password-reset/confirm/", Map.of("new_password", NEW_PASSWORD)))
                .isValidationError("token");
    }

    @Test
    @Order(4)
    void confirmWithUnknownOrExpiredTokenThenInvalidToken() throws Exception {
        assertThat(confirm("not-a-token-this-server-made", NEW_PASSWORD)).isError(400, "invalid_token");

        Account account = newUser(Role.VIEWER);
        String token = emailedToken(account);
        JdbcClient.create(dataSource)
                .sql("update password_resets set expires_at = ? where user_id = ?")
                .params(
                        java.sql.Timestamp.from(Instant.now().minusSeconds(1)),
                        account.user().id())
                .update();
        assertThat(confirm(token, NEW_PASSWORD)).isError(400, "invalid_token");
        assertThat(api.login(account.email(), account.password()))
                .as("the password is unchanged")
                .containsKey("access");
    }

    @Test
    @Order(5)
    void accountBudgetSpentThenSameAnswerButNoMoreEmails() throws Exception {
        Account account = newUser(Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/password-reset/", Map.of("email", account.email())))
                    .hasStatus(202);
        }
        // The marker: another account's email, asked last, arrives after the five were decided.
        Account marker = newUser(Role.VIEWER);
        api.post("/api/auth/password-reset/", Map.of("email", marker.email()));
        awaitEmailTo(marker.email());
        awaitAuditEvents(account, 5);
        assertThat(emailsTo(account.email())).as("three an hour per account").hasSize(3);
        assertThat(auditDetails(account))
                .containsOnly("emailed", "not sent: too many requests for this account")
                .filteredOn("emailed"::equals)
                .hasSize(3);
    }

    @Test
    @Order(6)
    void twoConfirmationsOfOneLinkAtOnceThenExactlyOneSucceeds() throws Exception {
        Account account = newUser(Role.VIEWER);
        String token = emailedToken(account);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<TestClient.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String password = NEW_PASSWORD + " " + i;
                attempts.add(() -> confirm(token, password));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestClient.Response> answer : pool.invokeAll(attempts)) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses)
                    .containsOnly(204, 400)
                    .filteredOn(status -> status == 204)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(7)
    void administratorLinkThenSingleUseAndPublicUrlAndMfaStaysOn() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account member = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        MfaEnrolment mfa = MfaEnrolment.of(api, member);
        String access = api.login(admin.email(), admin.password()).get("access");

        Instant before = Instant.now().minusSeconds(1);
        TestClient.Response link = api.post(
                "/api/users/" + member.user().id() + "/password-reset/", Map.of(), "Authorization", bearer(access));
        assertThat(link).hasStatus(201);
        String url = link.json().path("reset_url").asString();
        Instant expiresAt = Instant.parse(link.json().path("expires_at").asString());
        assertThat(expiresAt)
                .isBetween(before.plus(Duration.ofMinutes(30)), Instant.now().plus(Duration.ofMinutes(30)));
        Matcher matcher = LINK.matcher(url);
        assertThat(matcher.matches()).as(url).isTrue();

        assertThat(confirm(matcher.group(1), NEW_PASSWORD)).hasStatus(204);
        assertThat(api.post("/api/auth/mfa/disable/", Map.of(), "Authorization", mfa.bearer()))
                .as("the member's session ended")
                .isError(401, "invalid_token");
        assertThat(api.post("/api/auth/login/", Map.of("email", member.email(), "password", NEW_PASSWORD)))
                .as("two-factor authentication stays on")
                .isError(401, "mfa_required");
        assertThat(confirm(matcher.group(1), NEW_PASSWORD + "!")).isError(400, "invalid_token");
        assertThat(auditTypes(member)).contains("password_reset_link_issued", "password_reset");
    }

    @Test
    @Order(8)
    void administratorLinkRefusals() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account editor = newUserInOrganization(admin.user().organizationId(), Role.EDITOR);
        Account deactivated = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        Account stranger = newUser(Role.VIEWER);
        String adminAccess = api.login(admin.email(), admin.password()).get("access");
        membership.deactivate(deactivated.user().id(), false, com.claribi.platform.ClientInfo.COMMAND_LINE);

        assertThat(link(editor, api.login(editor.email(), editor.password()).get("access")))
                .as("not an administrator")
                .isError(403, "permission_denied");
        TestClient.Response key = api.post(
                "/api/api-keys/",
                Map.of("name", "admin key", "scope", "read_write"),
                "Authorization",
                bearer(adminAccess));
        assertThat(key).hasStatus(201);
        assertThat(api.post(
                        "/api/users/" + editor.user().id() + "/password-reset/",
                        Map.of(),
                        "X-API-Key",
                        key.json().path("key").asString()))
                .as("an API key, whatever its scope")
                .isError(403, "permission_denied");
        assertThat(link(stranger, adminAccess))
                .as("another organization's user")
                .isError(404, "not_found");
        assertThat(api.post("/api/users/999999999/password-reset/", Map.of(), "Authorization", bearer(adminAccess)))
                .isError(404, "not_found");
        assertThat(api.post("/api/users/abc/password-reset/", Map.of(), "Authorization", bearer(adminAccess)))
                .isError(404, "not_found");
        assertThat(link(deactivated, adminAccess)).isError(409, "conflict");
        TestClient.Response serviceAccount = api.post(
                "/api/service-accounts/", Map.of("name", "nightly export"), "Authorization", bearer(adminAccess));
        assertThat(serviceAccount).hasStatus(201);
        assertThat(api.post(
                        "/api/users/" + serviceAccount.json().path("id").asLong() + "/password-reset/",
                        Map.of(),
                        "Authorization",
                        bearer(adminAccess)))
                .as("a service account has no password: not a user here")
                .isError(404, "not_found");
        assertThat(api.post("/api/users/" + editor.user().id() + "/password-reset/", Map.of()))
                .isError(401, "not_authenticated");
    }

    /** Runs last: it spends this address's budget of requests. */
    @Test
    @Order(100)
    void addressBudgetSpentThenRateLimitedWhateverTheEmail() {
        TestClient.Response refused = null;
        for (int i = 0; i < 41 && refused == null; i++) {
            TestClient.Response answer =
                    api.post("/api/auth/password-reset/", Map.of("email", "flood" + i + "@example.com"));
            if (answer.status() != 202) {
                refused = answer;
            }
        }
        assertThat(refused).as("the 41st request within the hour").isNotNull();
        assertThat(refused).isError(429, "rate_limited").hasRetryAfter();
        assertThat(api.post("/api/auth/password-reset/", Map.of("email", "someone-else@example.com")))
                .isError(429, "rate_limited");
    }

    private TestClient.Response link(Account user, String access) {
        return api.post(
                "/api/users/" + user.user().id() + "/password-reset/", Map.of(), "Authorization", bearer(access));
    }

    private TestClient.Response confirm(String token, String password) {
        return api.post("/api/auth/password-reset/confirm/", Map.of("token", token, "new_password", password));
    }

    private static String bearer(String access) {
        return TestClient.bearer(access);
    }

    /** Asks for a reset link for {@code account} and reads its token from the email that comes. */
    private String emailedToken(Account account) throws InterruptedException {
        api.post("/api/auth/password-reset/", Map.of("email", account.email()));
        return token(awaitEmailTo(account.email()));
    }

    private static MimeMessage awaitEmailTo(String address) throws InterruptedException {
        return SMTP.awaitEmailTo(address);
    }

    private static void awaitEmailsTo(String address, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (emailsTo(address).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(emailsTo(address)).hasSize(count);
    }

    /** Every header but those that differ between any two answers (the date, the request's id). */
    private static Map<String, List<String>> headersThatMatter(TestClient.Response response) {
        Map<String, List<String>> headers =
                new java.util.TreeMap<>(response.headers().map());
        headers.keySet().removeAll(Set.of("date", "x-request-id"));
        return headers;
    }

    private static List<MimeMessage> emailsTo(String address) {
        return SMTP.emailsTo(address);
    }

    private static String token(MimeMessage email) {
        String body = TestSmtp.body(email);
        Matcher matcher = LINK.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> storedHashes(Account account) {
        return JdbcClient.create(dataSource)
                .sql("select token_hash from password_resets where user_id = ?")
                .param(account.user().id())
                .query(String.class)
                .list();
    }

    private List<String> auditTypes(Account account) {
        return JdbcClient.create(dataSource)
                .sql("select type from audit_events where user_id = ? order by id")
                .param(account.user().id())
                .query(String.class)
                .list();
    }

    private List<String> auditDetails(Account account) {
        return JdbcClient.create(dataSource)
                .sql(
                        "select detail from audit_events where user_id = ? and type = 'password_reset_requested' order by id")
                .param(account.user().id())
                .query(String.class)
                .list();
    }

    private void awaitAuditEvents(Account account, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (auditDetails(account).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
