package com.claribi.token.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** The tokens an answer hands out; {@code refresh} is absent when the web interface gets it as a cookie. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(String access, @Nullable String refresh) {

    /** The answer, never stored by a cache (RFC 6749 section 5.1), with the cookies to set. */
    ResponseEntity<TokenResponse> noStore(List<String> setCookies) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache");
        setCookies.forEach(value -> answer.header(HttpHeaders.SET_COOKIE, value));
        return answer.body(this);
    }
}
