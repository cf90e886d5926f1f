package com.claribi.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.claribi.client.model.Dashboard;
import com.claribi.client.model.DashboardFields;
import com.claribi.client.model.Page;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lists as lazy streams over the {@code count, next, previous, results} pages. */
@ExtendWith(TestServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTests {

    private static final int CREATED = 45;

    private final TestServer server;
    private final String prefix = "page-" + UUID.randomUUID() + "-";

    PaginationTests(TestServer server) {
        this.server = server;
    }

    @BeforeAll
    void createDashboards() {
        try (ClaribiClient admin = server.admin()) {
            for (int i = 0; i < CREATED; i++) {
                admin.dashboards().create(new DashboardFields(prefix + i, "for paging"));
            }
        }
    }

    @Test
    void streamReadsEveryPageInIdOrder() {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .pageSize(20)
                .listener(counts)
                .build()) {
            long total = client.dashboards().page(1, 1).count();
            List<Dashboard> all = client.dashboards().list().toList();

            assertEquals(total, all.size());
            assertEquals(
                    CREATED,
                    all.stream().filter(d -> d.name().startsWith(prefix)).count());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i - 1).id() < all.get(i).id(), "ordered by id");
            }
            long pages = (total + 19) / 20;
            assertTrue(pages >= 3);
            assertEquals(pages + 1, counts.responsesTo("GET", "/api/dashboards/"));
        }
    }

    @Test
    void streamFetchesOnlyThePagesItReaches() {
        Counts counts = new Counts();
        try (ClaribiClient client = server.builder()
                .credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD)
                .pageSize(20)
                .listener(counts)
                .build()) {
            var stream = client.dashboards().list();
            assertEquals(0, counts.responsesTo("GET", "/api/dashboards/"), "nothing before the stream is consumed");
            assertEquals(5, stream.limit(5).count());
            assertEquals(1, counts.responsesTo("GET", "/api/dashboards/"));
            assertEquals(25, client.dashboards().list().limit(25).count());
            assertEquals(3, counts.responsesTo("GET", "/api/dashboards/"));
        }
    }

    @Test
    void pagesCarryTheirLinks() {
        try (ClaribiClient client = server.admin()) {
            Page<Dashboard> second = client.dashboards().page(2, 10);
            assertEquals(10, second.results().size());
            assertTrue(second.previous().contains("page=1"));
            assertTrue(second.next().contains("page=3"));
            NotFoundException past = assertThrows(
                    NotFoundException.class, () -> client.dashboards().page(100_000, 100));
            assertEquals("not_found", past.error());
        }
    }
}
