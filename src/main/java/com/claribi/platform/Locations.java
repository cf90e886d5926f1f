package com.claribi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;

/** The {@code Location} of a created object: its absolute URL, as clients reach this server, with a final slash. */
public final class Locations {

    private Locations() {}

    /** 201 with {@code body} and the {@code Location} of object {@code id} in {@code collection} ("/api/reports/"). */
    public static <T> ResponseEntity<T> created(HttpServletRequest request, String collection, long id, T body) {
        return ResponseEntity.created(URI.create(HttpsPolicy.externalBase(request) + collection + id + "/"))
                .body(body);
    }
}
