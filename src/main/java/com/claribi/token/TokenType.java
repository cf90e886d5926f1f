package com.claribi.token;

import com.nimbusds.jose.JOSEObjectType;

/** Access and refresh tokens are told apart by both the {@code typ} header and the {@code token_type} claim. */
enum TokenType {
    // RFC 9068 section 2.1: access tokens are typed "at+jwt".
    ACCESS("access", new JOSEObjectType("at+jwt")),
    REFRESH("refresh", new JOSEObjectType("rt+jwt"));

    static final String CLAIM = "token_type";

    final String claim;
    final JOSEObjectType header;

    TokenType(String claim, JOSEObjectType header) {
        this.claim = claim;
        this.header = header;
    }
}
