package com.claribi.token;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.identity.Role;
import com.claribi.support.ServerIntegrationTest;
import com.claribi.support.TestClient;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An expired access token is a well-behaved client's normal state (it refreshes next), so its 401 {@code token_expired}
 * does not spend the address's budget of bad credentials; a token that does not verify does. The budget is 5 here,
 * with an hour's window so none refills during the test.
 */
@TestPropertySource(properties = {"claribi.rate-limit.window=PT1H", "claribi.rate-limit.bad-credentials-per-minute=5"})
class ExpiredTokensBudgetIntegrationTests extends ServerIntegrationTest {

    @Autowired
    private SigningKeyRing ring;

    @Test
    void expiredTokensWhenManyFromOneAddressThenNeverRateLimitedButForgedOnesAre() throws Exception {
        Account account = newUser(Role.VIEWER);
        String access = api.login(account.email(), account.password()).get("access");
        ForgedTokens forged = new ForgedTokens(ring);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(ForgedTokens.claims(access))
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(new Date(now - 7_200_000))
                    .expirationTime(new Date(now - 3_600_000))
                    .build();
            String expired =
                    forged.signedByServer(forged.header(TokenType.ACCESS).build(), claims);
            TestClient.Response response = api.get("/api/auth/status/", "Authorization", TestClient.bearer(expired));
            assertThat(response).as("expired token " + i).isError(401, "token_expired");
        }
        assertThat(api.get("/api/auth/status/", "Authorization", TestClient.bearer(access))
                        .status())
                .as("the address's budget is untouched")
                .isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/auth/status/", "Authorization", "Bearer not.a.token" + i)
                            .status())
                    .isEqualTo(401);
        }
        TestClient.Response refused = api.get("/api/auth/status/", "Authorization", "Bearer not.a.token");
        assertThat(refused).isError(429, "rate_limited");
    }
}
