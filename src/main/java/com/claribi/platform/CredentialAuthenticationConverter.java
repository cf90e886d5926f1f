package com.claribi.platform;

import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Turns the credential a request carries (a header) into an unauthenticated token for an
 * {@link org.springframework.security.authentication.AuthenticationProvider}; every credential module contributes
 * one, and the security configuration combines them.
 */
public interface CredentialAuthenticationConverter extends AuthenticationConverter {}
