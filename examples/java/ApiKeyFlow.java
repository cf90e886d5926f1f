import com.claribi.client.ClaribiClient;
import com.claribi.client.PermissionDeniedException;
import com.claribi.client.model.ApiKey;
import com.claribi.client.model.ApiKeyScope;
import com.claribi.client.model.AuthStatus;
import com.claribi.client.model.DashboardFields;
import com.claribi.client.model.NewApiKey;
import java.nio.file.Path;

/**
 * The API-key flow ("Authentication: JWT Tokens vs. API Keys") with the Java SDK: every request carries the key. With
 * CLARIBI_API_KEY unset, the example signs in, creates a read-only key for itself and revokes it at the end. Run it
 * with {@code examples/java/run ApiKeyFlow}; see examples/README.md.
 */
public class ApiKeyFlow {

    public static void main(String[] args) {
        String apiKey = System.getenv("CLARIBI_API_KEY");
        if (apiKey != null && !apiKey.isEmpty()) {
            useKey(apiKey, false);
            return;
        }
        try (ClaribiClient session = builder()
                .credentials(System.getenv("CLARIBI_EMAIL"), System.getenv("CLARIBI_PASSWORD"))
                .build()) {
            // Keys are managed from a session; key() is the secret, shown in this answer only.
            ApiKey created = session.apiKeys().create(NewApiKey.of("examples/java/ApiKeyFlow", ApiKeyScope.READ_ONLY));
            System.out.println("Created a read-only API key " + created.prefix() + "...");
            try {
                useKey(created.key(), true);
            } finally {
                session.apiKeys().revoke(created.id());
                System.out.println("Revoked the example's key");
            }
        }
    }

    private static void useKey(String apiKey, boolean readOnly) {
        try (ClaribiClient claribi = builder().apiKey(apiKey).build()) {
            AuthStatus status = claribi.auth().status();
            System.out.println("Authenticated by the API key as "
                    + (status.user().email() != null
                            ? status.user().email()
                            : status.user().name()));
            System.out.println("Reports: " + claribi.reports().page(1, 1).count());
            if (readOnly) {
                try {
                    claribi.dashboards().create(DashboardFields.named("not allowed"));
                } catch (PermissionDeniedException e) {
                    System.out.println("Writing with a read-only key: " + e.status() + " " + e.error());
                }
            }
        }
    }

    private static ClaribiClient.Builder builder() {
        return ClaribiClient.builder()
                .baseUrl(env("CLARIBI_URL", "https://localhost:8443"))
                .trustedCertificate(Path.of(env("CLARIBI_CA_FILE", "data/tls/cert.pem")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
