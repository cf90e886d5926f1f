import com.claribi.client.AuthenticationException;
import com.claribi.client.ClaribiClient;
import com.claribi.client.ClaribiListener;
import java.nio.file.Path;

/**
 * The JWT flow ("Authentication: JWT Tokens vs. API Keys") with the Java SDK: the client logs in, sends the access
 * token, refreshes it a minute before it expires (at most halfway through its lifetime, or once after a 401), and logs
 * in again when the refresh token is refused; the listener shows when. Run it with {@code examples/java/run JwtFlow};
 * see examples/README.md.
 */
public class JwtFlow {

    public static void main(String[] args) {
        ClaribiListener events = new ClaribiListener() {
            @Override
            public void signedIn() {
                System.out.println("Signed in: access and refresh tokens");
            }

            @Override
            public void refreshed() {
                System.out.println("Refreshed the access token");
            }
        };
        try (ClaribiClient claribi = ClaribiClient.builder()
                .baseUrl(env("CLARIBI_URL", "https://localhost:8443"))
                .trustedCertificate(Path.of(env("CLARIBI_CA_FILE", "data/tls/cert.pem")))
                .credentials(System.getenv("CLARIBI_EMAIL"), System.getenv("CLARIBI_PASSWORD"))
                .listener(events)
                .build()) {
            System.out.println("Dashboards: " + claribi.dashboards().page(1, 1).count());

            // The client would refresh on its own a minute before the access token expires (an hour by default);
            // auth().refresh() does it now: POST /api/auth/token/refresh/ with the refresh token, as the curl and
            // Python examples do by hand. The listener prints "Refreshed the access token".
            claribi.auth().refresh();
            System.out.println("Dashboards with the new token: "
                    + claribi.dashboards().page(1, 1).count());
            System.out.println("Sessions: " + claribi.sessions().list().count());

            // Logout ends the session: its refresh token and access tokens stop working.
            claribi.auth().logout();
            System.out.println("Signed out");
            // The client still holds the credentials: its next request signs in again.
            System.out.println("Dashboards: " + claribi.dashboards().page(1, 1).count());
        }

        // Wrong credentials are an AuthenticationException with the server's error code.
        try (ClaribiClient wrong = ClaribiClient.builder()
                .baseUrl(env("CLARIBI_URL", "https://localhost:8443"))
                .trustedCertificate(Path.of(env("CLARIBI_CA_FILE", "data/tls/cert.pem")))
                .credentials(System.getenv("CLARIBI_EMAIL"), "not-the-password")
                .build()) {
            wrong.auth().status();
        } catch (AuthenticationException e) {
            System.out.println("A wrong password: " + e.status() + " " + e.error());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
