package com.claribi.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of one clariBI server, signed in with an API key or with an email and password. Thread-safe: share one
 * instance. Each area of the API is one accessor ({@link #dashboards()}, {@link #apiKeys()}, ...).
 *
 * <pre>{@code
 * ClaribiClient claribi = ClaribiClient.builder()
 *         .baseUrl("https://localhost:8443")
 *         .trustedCertificate(Path.of("data/tls/cert.pem"))
 *         .apiKey(System.getenv("CLARIBI_API_KEY"))
 *         .build();
 * claribi.dashboards().list().forEach(d -> System.out.println(d.name()));
 * }</pre>
 */
public final class ClaribiClient implements AutoCloseable {

    /** This SDK's version, the server's it was built with; sent in {@code User-Agent: claribi-java/VERSION}. */
    public static final String VERSION = readVersion();

    private final HttpClient http;
    private final Credentials credentials;
    private final Authentication authentication;
    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final Mfa mfa;
    private final Dashboards dashboards;
    private final Reports reports;
    private final DataSources dataSources;
    private final Users users;
    private final Organizations organization;
    private final ServiceAccounts serviceAccounts;
    private final AuditEvents auditEvents;

    private ClaribiClient(Builder builder) {
        this.http = HttpClient.newBuilder()
                .sslContext(builder.sslContext())
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ClaribiListener listener = builder.listener;
        Transport transport = new Transport(
                builder.baseUrl,
                http,
                builder.requestTimeout,
                builder.maxRetryWait,
                "claribi-java/" + VERSION,
                listener);
        SessionCredentials session = null;
        if (builder.apiKey != null) {
            this.credentials = new ApiKeyCredentials(builder.apiKey);
        } else {
            session = new SessionCredentials(
                    transport,
                    builder.email,
                    builder.password,
                    builder.totp,
                    builder.refreshBefore,
                    builder.clock,
                    listener);
            this.credentials = session;
        }
        ApiCalls calls = new ApiCalls(transport, credentials, builder.pageSize);
        this.authentication = new Authentication(calls, session);
        this.sessions = new Sessions(calls);
        this.apiKeys = new ApiKeys(calls, "/api/api-keys/");
        this.mfa = new Mfa(calls);
        this.dashboards = new Dashboards(calls);
        this.reports = new Reports(calls);
        this.dataSources = new DataSources(calls);
        this.users = new Users(calls);
        this.organization = new Organizations(calls);
        this.serviceAccounts = new ServiceAccounts(calls);
        this.auditEvents = new AuditEvents(calls);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Status, refresh, logout, password change, re-authentication, password reset, health, JWK Set. */
    public Authentication auth() {
        return authentication;
    }

    public Sessions sessions() {
        return sessions;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Mfa mfa() {
        return mfa;
    }

    public Dashboards dashboards() {
        return dashboards;
    }

    public Reports reports() {
        return reports;
    }

    public DataSources dataSources() {
        return dataSources;
    }

    public Users users() {
        return users;
    }

    public Organizations organization() {
        return organization;
    }

    public ServiceAccounts serviceAccounts() {
        return serviceAccounts;
    }

    public AuditEvents auditEvents() {
        return auditEvents;
    }

    /** The credentials, for the tests of this package. */
    Credentials credentials() {
        return credentials;
    }

    /** Releases the HTTP client's connections. */
    @Override
    public void close() {
        http.close();
    }

    private static String readVersion() {
        try (InputStream in = ClaribiClient.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Configures a {@link ClaribiClient}: the base URL and one kind of credentials are required. */
    public static final class Builder {

        private URI baseUrl;
        private String apiKey;
        private String email;
        private String password;
        private Supplier<String> totp;
        private SSLContext sslContext;
        private Path trustedCertificate;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private Duration refreshBefore = Duration.ofSeconds(60);
        private int pageSize = 100;
        private ClaribiListener listener = new ClaribiListener() {};
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The server, such as {@code https://localhost:8443} ({@code bin/claribi}'s default). A trailing {@code /api/}
         * (the documentation's "base URL") is accepted too. {@code http://} is accepted only for a loopback host
         * ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), since passwords, tokens and keys would otherwise
         * cross the network in clear; a URL with user information ({@code https://user:password@host}) is refused.
         *
         * @throws IllegalArgumentException for another scheme, no host, user information, or {@code http://} to a
         *     host that is not loopback
         */
        public Builder baseUrl(String url) {
            return baseUrl(URI.create(Objects.requireNonNull(url, "url")));
        }

        public Builder baseUrl(URI url) {
            String text = url.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith("/api")) {
                text = text.substring(0, text.length() - "/api".length());
            }
            URI normalized = URI.create(text);
            if (normalized.getRawUserInfo() != null) {
                // Not echoed: it is a credential.
                throw new IllegalArgumentException(
                        "The base URL must not carry user information (user:password@): give credentials(...)"
                                + " or apiKey(...)");
            }
            if (!"https".equals(normalized.getScheme()) && !"http".equals(normalized.getScheme())
                    || normalized.getHost() == null) {
                throw new IllegalArgumentException("The base URL must be http(s)://host[:port]: " + url);
            }
            if ("http".equals(normalized.getScheme()) && !loopback(normalized.getHost())) {
                throw new IllegalArgumentException(
                        "http:// is for a loopback host only (localhost, 127.0.0.0/8, [::1]); use https://: " + url);
            }
            this.baseUrl = normalized;
            return this;
        }

        /** Authenticates every request with this key ({@code X-API-Key}). */
        public Builder apiKey(String key) {
            this.apiKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Signs in with these credentials and keeps the session's tokens fresh. A sign-in the server refuses for the
         * credentials themselves ({@code invalid_credentials}, {@code invalid_mfa_code}, {@code mfa_locked}) is
         * remembered: every later request of this client throws the same {@link AuthenticationException} again
         * without contacting the server, so that a wrong password does not spend the account's budget of failed
         * sign-ins one call at a time. Build a new client with corrected credentials (or TOTP supplier) to try again.
         * Other failures (a connection error, a 503, {@code mfa_required}) are not remembered.
         */
        public Builder credentials(String email, String password) {
            this.email = Objects.requireNonNull(email, "email");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * For a user with two-factor authentication: a current TOTP code at each sign-in (e.g. from a secret store).
         */
        public Builder totp(Supplier<String> codes) {
            this.totp = Objects.requireNonNull(codes, "codes");
            return this;
        }

        /** The TLS context to verify the server with (instead of the JVM's default trust store). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Trusts the certificates of this PEM file (and only them), such as the server's generated {@code
         * data/tls/cert.pem} or a private certificate authority.
         */
        public Builder trustedCertificate(Path pemFile) {
            this.trustedCertificate = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one request may take, from sending to the end of the answer (30 seconds by default). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * The longest total a request waits on {@code Retry-After} (429, 503) before it gives up with a {@link
         * RateLimitedException} or {@link ServiceUnavailableException} (30 seconds by default; zero never waits nor
         * retries). A {@code Retry-After} of 0, negative or in the past waits a second, and one call sends at most 10
         * requests.
         */
        public Builder maxRetryWait(Duration max) {
            Objects.requireNonNull(max, "max");
            if (max.isNegative()) {
                throw new IllegalArgumentException("maxRetryWait is negative");
            }
            this.maxRetryWait = max;
            return this;
        }

        /**
         * How long before its expiry an access token is refreshed (60 seconds by default), but at most half the
         * token's lifetime (its {@code iat} to its {@code exp}) before: a token that lives no longer than this margin
         * (a server's {@code CLARIBI_ACCESS_TOKEN_TTL} of a minute, say) is refreshed halfway through its life, not at
         * every request. A 401 still makes the client refresh once, whatever the margin.
         */
        public Builder refreshBefore(Duration margin) {
            Objects.requireNonNull(margin, "margin");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("refreshBefore is negative");
            }
            this.refreshBefore = margin;
            return this;
        }

        /** The page size lists are streamed with (1 to 100; 100 by default, the fewest requests). */
        public Builder pageSize(int size) {
            if (size < 1 || size > 100) {
                throw new IllegalArgumentException("pageSize must be 1 to 100: " + size);
            }
            this.pageSize = size;
            return this;
        }

        public Builder listener(ClaribiListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock that decides when a token is about to expire (for tests). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ClaribiClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            if ((apiKey == null) == (email == null)) {
                throw new IllegalStateException("Give either apiKey(...) or credentials(email, password)");
            }
            if (totp != null && email == null) {
                throw new IllegalStateException("totp(...) goes with credentials(email, password)");
            }
            if (sslContext != null && trustedCertificate != null) {
                throw new IllegalStateException("Give either sslContext(...) or trustedCertificate(...)");
            }
            return new ClaribiClient(this);
        }

        private SSLContext sslContext() {
            if (sslContext != null) {
                return sslContext;
            }
            try {
                if (trustedCertificate == null) {
                    return SSLContext.getDefault();
                }
                return trusting(trustedCertificate);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
            }
        }

        static SSLContext trusting(Path pemFile) throws GeneralSecurityException {
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(pemFile)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the certificate file " + pemFile, e);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("No certificate in " + pemFile);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                trusted.load(null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("trusted-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }

        /** Whether a URI's host is loopback, without a DNS lookup: localhost, 127.0.0.0/8 or [::1]. */
        static boolean loopback(String host) {
            String name = host.toLowerCase(Locale.ROOT);
            if (name.equals("localhost")) {
                return true;
            }
            if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                String[] octets = name.split("\\.");
                for (String octet : octets) {
                    if (Integer.parseInt(octet) > 255) {
                        return false;
                    }
                }
                return octets[0].equals("127");
            }
            if (name.startsWith("[") && name.endsWith("]")) {
                try {
                    // An IPv6 literal (it has a colon): getByName parses it and does not look it up.
                    return InetAddress.getByName(name.substring(1, name.length() - 1))
                            .isLoopbackAddress();
                } catch (UnknownHostException notAnAddress) {
                    return false;
                }
            }
            return false;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
