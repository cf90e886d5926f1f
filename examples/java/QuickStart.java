import com.claribi.client.ClaribiClient;
import com.claribi.client.NotFoundException;
import com.claribi.client.model.AuthStatus;
import com.claribi.client.model.Dashboard;
import com.claribi.client.model.Page;
import java.nio.file.Path;

/**
 * The Quick Start ("API Quick Start: Base URL, Auth, First Request") with the Java SDK: sign in, check who you are,
 * read a list, read an error. Run it with {@code examples/java/run QuickStart}; see examples/README.md.
 */
public class QuickStart {

    public static void main(String[] args) {
        try (ClaribiClient claribi = ClaribiClient.builder()
                .baseUrl(env("CLARIBI_URL", "https://localhost:8443"))
                .trustedCertificate(Path.of(env("CLARIBI_CA_FILE", "data/tls/cert.pem")))
                .credentials(System.getenv("CLARIBI_EMAIL"), System.getenv("CLARIBI_PASSWORD"))
                .build()) {
            // The client signs in at its first request and keeps the access token fresh.
            AuthStatus status = claribi.auth().status();
            System.out.printf(
                    "Signed in as %s (%s) of %s%n",
                    status.user().email(),
                    status.user().role().name().toLowerCase(),
                    status.organization().name());

            Page<Dashboard> page = claribi.dashboards().page(1, 5);
            System.out.println("Dashboards: " + page.count());
            page.results().forEach(dashboard -> System.out.println("  " + dashboard.id() + " " + dashboard.name()));
            // Or every one, fetched page by page as the stream goes: claribi.dashboards().list().forEach(...)

            try {
                claribi.dashboards().get(999_999_999L);
            } catch (NotFoundException e) {
                System.out.printf("GET /api/dashboards/999999999/: %d %s (%s)%n", e.status(), e.error(), e.detail());
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
