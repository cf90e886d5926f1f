package com.claribi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The Debian {@code chromium}, headless, driven through {@code /usr/bin/chromedriver}. It trusts exactly the server's
 * generated certificate, by the hash of its public key ({@code --ignore-certificate-errors-spki-list}), as a user who
 * added that certificate would, and nothing else.
 *
 * <p>The tests run whenever Chromium is installed; with {@code CLARIBI_BROWSER_TESTS=required} (CI) a missing browser
 * fails them instead of skipping them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test without Chromium, unless the environment requires the browser tests. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("required".equals(System.getenv("CLARIBI_BROWSER_TESTS"))) {
            assertThat(installed)
                    .as("CLARIBI_BROWSER_TESTS=required, but %s or %s is missing", CHROMIUM, CHROMEDRIVER)
                    .isTrue();
        }
        assumeTrue(installed, "no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver)");
    }

    static HeadlessChromium start(Path certificate, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("claribi-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--lang=en-US",
                    "--window-size=" + width + "," + height,
                    // Chromium honours the key list only with its own profile directory.
                    "--user-data-dir=" + profile,
                    "--ignore-certificate-errors-spki-list=" + spkiHash(certificate));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return new HeadlessChromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI list expects it. */
    private static String spkiHash(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(cert.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the pages wrote to the console (errors, CSP violations). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString)
                .toList();
    }

    /** Saves a screenshot under {@code target/screenshots/}. */
    void screenshot(String name) {
        save(name, List.of("target/screenshots"));
    }

    /**
     * A screenshot for the README: saved under {@code target/screenshots/}, and also in the directory named by the
     * system property {@code claribi.screenshots} ({@code -Dclaribi.screenshots=docs/screenshots} refreshes the
     * committed pictures).
     */
    void readmeScreenshot(String name) {
        save(name, List.of("target/screenshots", System.getProperty("claribi.screenshots", "")));
    }

    private void save(String name, List<String> directories) {
        driver.executeScript("window.scrollTo(0, 0)");
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            for (String directory : directories) {
                if (!directory.isBlank()) {
                    Path dir = Files.createDirectories(Path.of(directory));
                    Files.write(dir.resolve(name + ".png"), png);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
