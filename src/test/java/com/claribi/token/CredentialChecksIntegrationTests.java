package com.claribi.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.MfaEnrolment;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every check of a password or second factor spends the same failed-attempt budgets (API.md, "Re-authentication ...
 * and credential checks"), at their defaults (5 per account and address, 20 per account): clients are told apart by
 * the addresses a trusted proxy names in X-Forwarded-For.
 */
@TestPropertySource(properties = "claribi.trusted-proxies=127.0.0.1/32, ::1/128")
class CredentialChecksIntegrationTests extends ServerIntegrationTest {

    private static final int PER_ACCOUNT = 20;
    private static final int PER_ACCOUNT_AND_ADDRESS = 5;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Test
    void passwordChangeWhenWrongOldPasswordFromFortyAddressesThenThrottledByAccountBudgetAndAudited() {
        Account account = newUser(Role.ADMINISTRATOR);
        String bearer = api.as(account);
        List<Integer> statuses = new ArrayList<>();
        TestClient.Response last = null;
        for (int i = 0; i < 40; i++) {
            last = api.post(
                    "/api/auth/password/",
                    Map.of("old_password", "wrong guess " + i, "new_password", "a brand new passphrase 42"),
                    "Authorization",
                    bearer,
                    "X-Forwarded-For",
                    newAddress());
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, PER_ACCOUNT)).containsOnly(400);
        assertThat(statuses.subList(PER_ACCOUNT, 40)).containsOnly(429);
        assertThat(last.error()).isEqualTo("rate_limited");
        assertThat(last.json().path("detail").asString()).contains("failed attempts for this account;");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();

        JsonNode events = api.get(
                        "/api/audit-events/?type=password_check_failed&page_size=100", "Authorization", bearer)
                .json()
                .path("results");
        assertThat(events).hasSize(40);
        assertThat(events.findValuesAsString("detail").stream()
                        .filter(d -> d.equals("old_password: wrong password"))
                        .count())
                .isEqualTo(PER_ACCOUNT);
        assertThat(events.toString()).doesNotContain("wrong guess");
    }

    @Test
    void mfaCodesWhenWrongFromManyAddressesThenThrottledByAccountBudget() {
        Account account = newUser(Role.VIEWER);
        MfaEnrolment enrolled = MfaEnrolment.of(api, account);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < PER_ACCOUNT + 3; i++) {
            statuses.add(api.post(
                            "/api/auth/mfa/disable/",
                            Map.of("code", "aaaa-bbbb-cccc-" + (1000 + i)),
                            "Authorization",
                            enrolled.bearer(),
                            "X-Forwarded-For",
                            newAddress())
                    .status());
        }
        assertThat(statuses.subList(0, PER_ACCOUNT)).containsOnly(400);
        assertThat(statuses.subList(PER_ACCOUNT, PER_ACCOUNT + 3)).containsOnly(429);
    }

    @Test
    void loginAndOldPasswordWhenWrongFromOneAddressThenTheyShareOneBudget() {
        Account account = newUser(Role.VIEWER);
        String address = newAddress();
        String bearer = api.as(account);
        for (int i = 0; i < 3; i++) {
            assertThat(wrongLogin(account, address).status()).isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(api.post(
                                    "/api/auth/password/",
                                    Map.of("old_password", "wrong guess", "new_password", "a brand new passphrase 42"),
                                    "Authorization",
                                    bearer,
                                    "X-Forwarded-For",
                                    address)
                            .status())
                    .isEqualTo(400);
        }
        TestClient.Response throttled = login(account, account.password(), address);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("detail").asString())
                .contains("failed attempts for this account from this address");
    }

    @Test
    void loginWhenSixteenSimultaneousCorrectAttemptsFromOneAddressThenAllSucceed() throws Exception {
        Account account = newUser(Role.VIEWER);
        String address = newAddress();
        List<TestClient.Response> responses = simultaneously(16, () -> login(account, account.password(), address));
        assertThat(responses).extracting(TestClient.Response::status).containsOnly(200);
    }

    @Test
    void loginWhenSixteenSimultaneousWrongAttemptsThenAtMostTheBudgetCheckedAndTheRestRefusedNamingIt()
            throws Exception {
        Account account = newUser(Role.VIEWER);
        String address = newAddress();
        List<TestClient.Response> responses = simultaneously(16, () -> wrongLogin(account, address));
        List<Integer> statuses =
                responses.stream().map(TestClient.Response::status).toList();
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isLessThanOrEqualTo(PER_ACCOUNT_AND_ADDRESS);
        for (TestClient.Response response : responses) {
            if (response.status() == 429) {
                assertThat(response.json().path("detail").asString())
                        .contains("failed attempts for this account from this address");
            }
        }
        // The correct password is refused now too (the budget is spent), and the answer says which budget.
        TestClient.Response right = login(account, account.password(), address);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.json().path("detail").asString())
                .startsWith("Too many failed attempts for this account from this address");
    }

    @Test
    void loginWhenAccountBudgetSpentThenAnotherAddressOfTheOwnersIpv6SlashSixtyFourIsExempt() {
        Account account = newUser(Role.VIEWER);
        assertThat(login(account, account.password(), "2001:db8:1:2::5").status())
                .isEqualTo(200);
        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertThat(wrongLogin(account, newAddress()).status()).isEqualTo(401);
        }
        TestClient.Response stranger = login(account, account.password(), "2001:db8:9:9::1");
        assertThat(stranger.status()).isEqualTo(429);
        assertThat(stranger.json().path("detail").asString()).contains("failed attempts for this account;");
        assertThat(login(account, account.password(), "2001:db8:1:2::9").status())
                .isEqualTo(200);
    }

    @Test
    void loginWhenWrongFromAddressesOfOneIpv6SlashSixtyFourThenOneBudget() {
        Account account = newUser(Role.VIEWER);
        for (int i = 1; i <= PER_ACCOUNT_AND_ADDRESS; i++) {
            assertThat(wrongLogin(account, "2001:db8:77:1::" + Integer.toHexString(i))
                            .status())
                    .isEqualTo(401);
        }
        TestClient.Response throttled = wrongLogin(account, "2001:db8:77:1:ffff::1");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().path("detail").asString())
                .contains("failed attempts for this account from this address");
    }

    @Test
    void permissionDeniedIsAuditedOncePerMinutePerPrincipalAndRoute() {
        Account admin = newUser(Role.ADMINISTRATOR);
        Account viewer = newUserInOrganization(admin.user().organizationId(), Role.VIEWER);
        String adminBearer = api.as(admin);
        String viewerBearer = api.as(viewer);
        TestClient.Response created = api.post(
                "/api/api-keys/", Map.of("name", "reader", "scope", "read_only"), "Authorization", adminBearer);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String readOnlyKey = created.json().path("key").asString();

        for (int i = 0; i < 3; i++) {
            // Refused by the security chain's authorization rule.
            assertThat(api.post("/api/dashboards/", Map.of("name", "d" + i), "X-API-Key", readOnlyKey)
                            .status())
                    .isEqualTo(403);
            // Refused by the controller (role check).
            assertThat(api.post(
                                    "/api/users/",
                                    Map.of("email", "x" + i + "@example.com", "password", "p"),
                                    "Authorization",
                                    viewerBearer)
                            .status())
                    .isEqualTo(403);
        }

        JsonNode events = api.get("/api/audit-events/?type=permission_denied", "Authorization", adminBearer)
                .json()
                .path("results");
        assertThat(events).hasSize(2);
        List<String> details = events.findValuesAsString("detail");
        assertThat(details)
                .anySatisfy(
                        d -> assertThat(d).startsWith("POST /api/dashboards").contains("with API key"));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("POST /api/users"));
        assertThat(events.toString()).doesNotContain(readOnlyKey);
    }

    @Test
    void permissionDeniedWhenReadOnlyKeyWritesToMadeUpPathsThenOneAuditEventNotOneEach() {
        // The read-only rule refuses before routing, so there is no route pattern: made-up paths must not each write
        // an audit row.
        Account admin = newUser(Role.ADMINISTRATOR);
        String adminBearer = api.as(admin);
        TestClient.Response created = api.post(
                "/api/api-keys/", Map.of("name", "reader", "scope", "read_only"), "Authorization", adminBearer);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String readOnlyKey = created.json().path("key").asString();

        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/made-up-" + UUID.randomUUID() + "/", Map.of(), "X-API-Key", readOnlyKey)
                            .status())
                    .isEqualTo(403);
        }

        JsonNode events = api.get("/api/audit-events/?type=permission_denied", "Authorization", adminBearer)
                .json()
                .path("results");
        assertThat(events).hasSize(1);
    }

    private TestClient.Response login(Account account, String password, String address) {
        return api.post(
                "/api/auth/login/", Map.of("email", account.email(), "password", password), "X-Forwarded-For", address);
    }

    private TestClient.Response wrongLogin(Account account, String address) {
        return login(account, "wrong " + account.password(), address);
    }

    private static List<TestClient.Response> simultaneously(
            int count, java.util.concurrent.Callable<TestClient.Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            List<Future<TestClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<TestClient.Response> responses = new ArrayList<>();
            for (Future<TestClient.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }
}
