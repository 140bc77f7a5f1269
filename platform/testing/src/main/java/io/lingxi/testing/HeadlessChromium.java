package io.lingxi.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) for browser tests, with a fresh profile that is
 * deleted on close. Under CI a missing browser fails the test; on a developer's machine it is skipped, loudly.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver browser;
    private final Path profile;

    private HeadlessChromium(ChromeDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    /** Starts a browser whose window is {@code width} × {@code height} pixels. */
    public static HeadlessChromium start(int width, int height) {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser tests: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "*** BROWSER TEST NOT RUN: install Debian's chromium and chromium-driver "
                + "(apt-get install -y chromium chromium-driver) ***");
        try {
            Path profile = Files.createTempDirectory("lingxi-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
            return new HeadlessChromium(new ChromeDriver(
                    new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return browser;
    }

    @Override
    public void close() {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
