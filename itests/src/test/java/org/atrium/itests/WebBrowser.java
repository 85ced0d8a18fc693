package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (nothing downloaded), with a fresh
 * profile and a download folder of its own. {@code .ci/run} installs both when they are missing.
 */
final class WebBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path downloads;

    WebBrowser(Path workFolder) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            fail("The browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver "
                    + "(.ci/run installs them)");
        }
        downloads = Files.createDirectories(workFolder.resolve("downloads")).toAbsolutePath();
        Path profile = Files.createDirectories(workFolder.resolve("chromium-profile")).toAbsolutePath();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    WebDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "an element " + css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void click(String css) {
        until(d -> {
            WebElement element = find(css);
            if (!element.isEnabled()) {
                return null;
            }
            try {
                element.click();
            } catch (org.openqa.selenium.ElementClickInterceptedException coveredForAMoment) {
                return null; // something (a closing menu, say) still lies over it: try again
            }
            return true;
        }, "a clickable " + css);
    }

    void type(String css, String text) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    /** Waits (polling the page) until the condition gives something other than null or false. */
    <T> T until(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage(() -> "waiting for " + what + " at "
                + driver.getCurrentUrl() + "; the page shows: " + text("body") + "; the browser's console: " + console())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    void untilText(String css, String expected) {
        until(d -> text(css).contains(expected), "'" + expected + "' in " + css);
    }

    /** What the page wrote to the browser's console (errors, failed requests), for failure messages. */
    String console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList().toString();
    }

    String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Runs a script in the page; {@code arguments[arguments.length - 1]} is the callback for its answer. */
    Object async(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /**
     * The status of a request the page's own code could make (same origin, the session cookie, and like the
     * page's requests marked X-Requested-With: a 401 then shows no browser password dialog).
     */
    long fetchStatus(String method, String path, String jsonBody, String csrfToken) {
        Object status = async("const [m, p, b, t, done] = arguments; const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'test'};"
                + "if (t) headers['X-CSRF-Token'] = t;"
                + "fetch(p, {method: m, headers, body: b, credentials: 'same-origin'}).then(r => done(r.status), e => done(-1));",
                method, path, jsonBody, csrfToken);
        return ((Number) status).longValue();
    }

    /** Serious and critical accessibility violations axe-core finds on the page as it is now. */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        ((JavascriptExecutor) driver).executeScript(axeSource());
        Object found = async("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) found;
    }

    void assertNoSeriousAccessibilityViolations(String screen) {
        assertEquals(List.of(), accessibilityViolations(), "accessibility violations on " + screen);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        try (InputStream in = WebBrowser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (in == null) {
                fail("axe-core is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
