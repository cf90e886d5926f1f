package com.claribi.platform.internal;

import com.claribi.platform.DataDirectory;
import com.claribi.platform.ErrorResponses;
import com.claribi.platform.PlatformProperties;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * HTTPS on {@code CLARIBI_PORT} (Mozilla's intermediate profile: see {@link TlsProfile}), and the plain-HTTP port that
 * only refuses and redirects.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!cli")
class WebServerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> claribiConnectors(
            PlatformProperties properties,
            DataDirectory dataDirectory,
            ObjectProvider<ErrorResponses> errors,
            Clock clock) {
        return factory -> {
            factory.setPort(properties.port());
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.getPipeline().addValve(new JsonErrorReportValve(errors));
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
            if (!properties.tlsEnabled()) {
                return;
            }
            TlsMaterial material = TlsMaterial.resolve(properties, dataDirectory, clock);
            Ssl ssl = new Ssl();
            ssl.setCertificate("file:" + material.certificate());
            ssl.setCertificatePrivateKey("file:" + material.privateKey());
            ssl.setEnabledProtocols(TlsProfile.PROTOCOLS);
            factory.setSsl(ssl);
            // After Spring Boot's own SSL settings: it knows neither the server's cipher order nor groups.
            factory.addConnectorCustomizers(TlsProfile::apply);
            int httpPort = properties.plainHttpPort();
            if (httpPort >= 0) {
                Connector plain = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
                plain.setScheme("http");
                plain.setPort(httpPort);
                plain.setSecure(false);
                factory.addAdditionalConnectors(plain);
            }
        };
    }

    @Bean
    HttpsPort httpsPort() {
        return new HttpsPort();
    }

    /** The port HTTPS actually listens on (it differs from the setting when that is 0). */
    static final class HttpsPort implements ApplicationListener<WebServerInitializedEvent> {

        private final AtomicInteger port = new AtomicInteger(-1);

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            port.set(event.getWebServer().getPort());
        }

        int get() {
            return port.get();
        }
    }
}
