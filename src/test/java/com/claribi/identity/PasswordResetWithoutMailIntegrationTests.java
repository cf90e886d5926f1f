package com.claribi.identity;

import static com.claribi.support.ResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.claribi.support.ServerIntegrationTest;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Password reset on a server without {@code CLARIBI_SMTP_URL} (the default test server): a request is answered as
 * always, and no link is made for it, so none could be sent.
 */
class PasswordResetWithoutMailIntegrationTests extends ServerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void requestWhenNoSmtpConfiguredThenAcceptedAndNoLinkMadeOrSent() throws InterruptedException {
        Account account = newUser(Role.VIEWER);
        assertThat(api.post("/api/auth/password-reset/", Map.of("email", account.email())))
                .hasStatus(202);

        // The request's work happens after the answer: give it far longer than it takes with mail configured.
        Thread.sleep(1_500);
        assertThat(count(
                        "select count(*) from password_resets where user_id = ?",
                        account.user().id()))
                .as("no link was made")
                .isZero();
        assertThat(count(
                        "select count(*) from audit_events where user_id = ? and type = 'password_reset_requested'",
                        account.user().id()))
                .as("no email was recorded as sent")
                .isZero();
    }

    private long count(String sql, long userId) {
        return JdbcClient.create(dataSource)
                .sql(sql)
                .param(userId)
                .query(Long.class)
                .single();
    }
}
