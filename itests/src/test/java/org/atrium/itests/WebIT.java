package org.atrium.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The staff web application in a real browser (Debian's headless Chromium) against the started
 * distribution: what a member of staff does on the page, and what they must not be able to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebIT {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String WEBSTAFF_PASSWORD = "amber-kettle-orchard";
    static final String WEBADMIN_PASSWORD = "granite-ferry-morning";

    private UnpackedDistribution distribution;
    private StaffApi admin;
    private WebBrowser browser;
    private String atrium;

    @BeforeAll
    void startAtriumAndABrowser() throws Exception {
        distribution = UnpackedDistribution.unpack();
        // the shipped default is true: switched on where it is tested
        distribution.set("etc/atrium.security.cfg", "mfa.required", "false");
        distribution.set("etc/users.properties", "webstaff", WEBSTAFF_PASSWORD + ",atrium-staff");
        distribution.set("etc/users.properties", "webadmin", WEBADMIN_PASSWORD + ",atrium-admin");
        // a password from before the rules, as the shipped admin/admin is
        distribution.set("etc/users.properties", "newcomer", "newcomer,atrium-staff");
        distribution.start();
        admin = new StaffApi(distribution.httpPort(), "admin", "admin");
        distribution.awaitHealthy(START_TIMEOUT);
        if (!admin.get("/offices").body().contains("\"number\":2")) {
            admin.expect(201, "POST", "/offices", "{\"number\": 2, \"name\": \"Downtown\"}");
        }
        admin.expect(200, "PUT", "/users/webstaff", "{\"email\": \"webstaff@firm.example\", \"offices\": [1]}");
        atrium = "http://localhost:" + distribution.httpPort();
        browser = new WebBrowser(distribution.home().getParent());
    }

    @AfterAll
    void stopBoth() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (distribution != null) {
            distribution.stop();
        }
    }

    @BeforeEach
    void signedOut() {
        // the session cookie belongs to /api/v1: WebDriver deletes the cookies of the page it is on
        browser.open(atrium + "/api/v1/health");
        browser.driver().manage().deleteAllCookies();
        browser.open(atrium + "/atrium/");
        browser.find("input[name=username]");
    }

    // --- signing in

    @Test
    void signsInShowsWhoIsSignedInAndSignsOut() {
        browser.open(atrium + "/");
        assertEquals(atrium + "/atrium/", browser.driver().getCurrentUrl(), "/ leads to the application");
        browser.type("input[name=username]", "webadmin");
        browser.type("input[name=password]", "wrong");
        browser.click("form button[type=submit]");
        browser.untilText("main", "The user name or password is wrong.");

        signIn("webadmin", WEBADMIN_PASSWORD);
        assertEquals("Administrator", browser.text("#signed-in-role"));
        assertTrue(browser.text("#signed-in-user").contains("admin"));

        browser.click("#sign-out");
        browser.untilText("main", "You are signed out.");
        assertEquals(401, browser.fetchStatus("GET", "/api/v1/clients", null, null),
                "the cookie stops working on the server");
    }

    @Test
    void anIdleSessionEndsAndThePageAsksToSignInAgain() throws Exception {
        distribution.set("etc/atrium.session.cfg", "idle.timeout.minutes", "0.1");
        browser.until(d -> admin.get("/session").body().contains("\"idleTimeoutSeconds\":6"),
                "the 6-second idle timeout to apply");
        try {
            signIn("webadmin", WEBADMIN_PASSWORD);
            browser.untilText("main", "Your session has ended");
            assertEquals(401, browser.fetchStatus("GET", "/api/v1/clients", null, null));
        } finally {
            distribution.set("etc/atrium.session.cfg", "idle.timeout.minutes", "30");
            browser.until(d -> admin.get("/session").body().contains("\"idleTimeoutSeconds\":1800"),
                    "the 30-minute idle timeout to apply again");
        }
    }

    @Test
    void aRequestWithoutTheCsrfTokenOrFromAnotherSiteChangesNothing() throws Exception {
        String id = unique("CSRF");
        admin.createClient(id, "Forgery Target", id.toLowerCase(Locale.ROOT) + "@example.com", taxId(), 1, null);
        signIn("webadmin", WEBADMIN_PASSWORD);
        String bulkDelete = "{\"action\": \"DELETE\", \"clientIds\": [\"" + id + "\"]}";
        assertEquals(403, browser.fetchStatus("POST", "/api/v1/clients/bulk", bulkDelete, null),
                "the session cookie alone is refused for a change");

        // a page of another site that posts a form to Atrium while the user is signed in there
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!DOCTYPE html><html><body><form id=f method=POST enctype=text/plain action=\"" + atrium
                + "/api/v1/clients/bulk\"><input name='{\"action\":\"DELETE\",\"clientIds\":[\"" + id + "\"],\"x\":\"' value='\"}'>"
                + "</form><script>document.getElementById('f').submit()</script></body></html>";
        evil.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try {
            browser.open("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            browser.until(d -> d.getCurrentUrl().startsWith(atrium), "the forged form to reach Atrium");
            assertTrue(browser.driver().getPageSource().contains("\"status\":4"), "refused: " + browser.driver().getPageSource());
        } finally {
            evil.stop(0);
        }
        assertEquals(200, admin.get("/clients/" + id).status(), "the client is still there");
    }

    @Test
    void aStaffMemberSetsUpTwoFactorSignInAndThenNeedsACode() throws Exception {
        admin.send("DELETE", "/users/webstaff/mfa", null); // whatever an earlier run left
        signIn("webstaff", WEBSTAFF_PASSWORD);
        browser.click("#signed-in-user");
        browser.click("#set-up-mfa");
        String secret = browser.find("#mfa-secret").getText();
        AuthenticatorApp phone = new AuthenticatorApp(secret);
        assertTrue(browser.find("#mfa-qr").getAttribute("src").startsWith("data:image/svg+xml;base64,"));
        browser.type("#mfa-code", "000000".equals(phone.code(0)) ? "111111" : "000000");
        browser.click("#mfa-confirm");
        browser.untilText("main", "The authenticator is not set up yet.");
        browser.type("#mfa-code", phone.code(0));
        browser.click("#mfa-confirm");
        List<String> recoveryCodes = browser.until(d -> {
            List<WebElement> codes = browser.all("#recovery-codes li");
            return codes.size() == 10 ? codes.stream().map(WebElement::getText).toList() : null;
        }, "ten recovery codes");
        browser.screenshot(SCREENSHOTS.resolve("two-factor-recovery-codes.png"));
        browser.click("#recovery-codes-saved");
        browser.untilText("#mfa-state", "On:");
        browser.click("#sign-out");

        // the password alone is not enough any more; a code of the next step is (the enrolment used this one)
        String nextCode = phone.code(1); // once: worked out again after a 30-second boundary it would be a fresh code
        signInWithCode("webstaff", WEBSTAFF_PASSWORD, nextCode);
        browser.untilText("#signed-in-user", "webstaff");
        browser.click("#sign-out");

        // the same code again is refused; a recovery code works once
        signInWithCode("webstaff", WEBSTAFF_PASSWORD, nextCode);
        browser.untilText("main", "The code is wrong or was used already");
        browser.type("#sign-in-code", recoveryCodes.get(0));
        browser.click("form button[type=submit]");
        browser.untilText("#signed-in-user", "webstaff");

        String log = Files.readString(distribution.home().resolve("data/log/karaf.log"));
        assertFalse(log.contains(secret), "the secret is never logged");
        recoveryCodes.forEach(code -> assertFalse(log.contains(code), "no recovery code is logged"));

        // an administrator resets it: the session ends, and the next sign-in needs no code
        admin.expect(204, "DELETE", "/users/webstaff/mfa", null);
        assertEquals(401, browser.fetchStatus("GET", "/api/v1/clients", null, null), "the user's sessions ended");
        assertTrue(admin.get("/audit?action=MFA_RESET").body().contains("user webstaff"));
        signedOut();
        signIn("webstaff", WEBSTAFF_PASSWORD);
    }

    @Test
    void aUserCreatesAnApiTokenOnTheAccountPageUsesItAndRevokesIt() throws Exception {
        signIn("webstaff", WEBSTAFF_PASSWORD);
        browser.click("#signed-in-user");
        String name = unique("script");
        browser.type("#token-name", name);
        browser.click("#create-token");
        String token = browser.find("#new-token").getText();
        assertTrue(token.startsWith("atr_"), token);
        StaffApi script = StaffApi.withToken(distribution.httpPort(), token);
        StaffApi.Answer answer = script.get("/me");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"username\":\"webstaff\""), answer.body());
        browser.screenshot(SCREENSHOTS.resolve("account.png"));
        browser.open(atrium + "/atrium/#/clients");
        browser.click("#signed-in-user");
        browser.until(d -> browser.text("#tokens-table").contains(name), "the token listed");
        assertFalse(browser.text("#tokens-table").contains("Never"), "its use is listed");
        browser.click("button[aria-label='Revoke the token " + name + "']");
        browser.click("dialog .btn-danger");
        browser.untilText("main", "was revoked");
        assertEquals(401, script.get("/me").status());
    }

    @Test
    void aFirstSignInWithAWeakPasswordChangesItThenSetsUpTwoFactorSignIn() throws Exception {
        distribution.set("etc/atrium.security.cfg", "mfa.required", "true");
        try {
            browser.until(d -> admin.get("/clients").status() == 401, "HTTP Basic to be refused");
            assertTrue(admin.get("/clients").body().contains("HTTP Basic with a password alone is refused"));
            browser.type("input[name=username]", "newcomer");
            browser.type("input[name=password]", "newcomer");
            browser.click("form button[type=submit]");
            browser.untilText("main", "Your password does not meet the firm's password rules");
            assertFalse(browser.present("#signed-in-user"), "nothing else before the new password");
            assertEquals(403, browser.fetchStatus("GET", "/api/v1/clients", null, null), "the API refuses it too");
            browser.assertNoSeriousAccessibilityViolations("choosing a new password");

            browser.type("#password-currentPassword", "newcomer");
            browser.type("#password-newPassword", "password1234");
            browser.type("#password-repeatedPassword", "password1234");
            browser.click("#password-save");
            browser.untilText("#password-newPassword-error", "most common passwords");
            browser.screenshot(SCREENSHOTS.resolve("new-password.png"));
            String chosen = "velvet-canyon-postcard";
            browser.type("#password-newPassword", chosen);
            browser.type("#password-repeatedPassword", chosen);
            browser.click("#password-save");

            browser.untilText("main", "Your firm requires a code from an authenticator app");
            assertFalse(browser.present("#signed-in-user"), "nothing else before the authenticator");
            assertEquals(403, browser.fetchStatus("GET", "/api/v1/clients", null, null), "the API refuses it too");
            browser.screenshot(SCREENSHOTS.resolve("two-factor-set-up.png"));
            browser.assertNoSeriousAccessibilityViolations("setting up two-factor sign-in");
            AuthenticatorApp phone = new AuthenticatorApp(browser.find("#mfa-secret").getText());
            browser.type("#mfa-code", phone.code(0));
            browser.click("#mfa-confirm");
            browser.click("#recovery-codes-saved");
            browser.untilText("#signed-in-user", "newcomer");
            assertEquals(200, browser.fetchStatus("GET", "/api/v1/clients", null, null));
            String hashed = Files.readString(distribution.home().resolve("etc/users.properties"));
            assertFalse(hashed.contains(chosen), "the new password is kept hashed");
            String line = hashed.lines().filter(l -> l.startsWith("newcomer")).findFirst().orElseThrow();
            assertTrue(line.matches("newcomer ?= ?\\{CRYPT\\}\\$2a\\$10\\$[^,]+\\{CRYPT\\},atrium-staff"), line);
        } finally {
            distribution.set("etc/atrium.security.cfg", "mfa.required", "false");
            browser.until(d -> admin.get("/clients").status() == 200, "HTTP Basic to work again");
        }
        StaffApi newcomer = new StaffApi(distribution.httpPort(), "newcomer", "newcomer");
        assertEquals(401, newcomer.get("/me").status(), "the old password no longer works");
    }

    // --- the grid

    @Test
    void searchesByEachKindThenPagesAndSorts() {
        String prefix = unique("SRCH");
        List<String> taxIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String taxId = taxId();
            taxIds.add(taxId);
            admin.createClient(prefix + "-" + i, "Searchable " + prefix + " " + (char) ('A' + i),
                    prefix.toLowerCase(Locale.ROOT) + i + "@example.com", taxId, 1, null);
        }
        signIn("webadmin", WEBADMIN_PASSWORD);
        search(prefix + "-3");
        assertEquals(List.of(prefix + "-3"), rowIds());
        search("Searchable " + prefix + " K");
        assertEquals(List.of(prefix + "-10"), rowIds());
        search(prefix.toLowerCase(Locale.ROOT) + "7@example.com");
        assertEquals(List.of(prefix + "-7"), rowIds());
        String ssn = taxIds.get(5);
        search(ssn);
        assertEquals(List.of(prefix + "-5"), rowIds(), "an SSN typed without dashes");
        search(ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5));
        assertEquals(List.of(prefix + "-5"), rowIds(), "an SSN typed with dashes");

        search(prefix);
        selectOption("#page-size", "10");
        browser.untilText("#grid-summary", "Showing 1–10 of 12 clients");
        browser.click("#next-page");
        browser.untilText("#grid-summary", "Showing 11–12 of 12 clients");
        assertEquals("Page 2 of 2", browser.text("#page-number"));
        browser.click("th button[data-sort=name]");
        browser.click("th button[data-sort=name]");
        browser.until(d -> rowIds().size() == 10 && rowIds().get(0).equals(prefix + "-11"), "the names in descending order");
        assertEquals("descending", browser.find("th[aria-sort]").getAttribute("aria-sort"));
        browser.screenshot(SCREENSHOTS.resolve("portal-management.png"));
    }

    @Test
    void customizedColumnsAreKeptOnTheServerAcrossAReload() {
        signIn("webadmin", WEBADMIN_PASSWORD);
        openColumnsMenu();
        browser.click("#column-mobileNumber");
        browser.click("#column-email");
        browser.until(d -> headers().contains("Mobile Number") && !headers().contains("Email"), "the new columns");
        StaffApi webadmin = new StaffApi(distribution.httpPort(), "webadmin", WEBADMIN_PASSWORD);
        browser.until(d -> webadmin.get("/me/preferences").body().contains("mobileNumber"),
                "the choice saved on the server");
        browser.driver().navigate().refresh();
        browser.find("#signed-in-user");
        browser.until(d -> headers().contains("Mobile Number") && !headers().contains("Email"), "the columns kept");
        openColumnsMenu();
        browser.click("#columns-menu button");
        browser.until(d -> headers().contains("Email") && !headers().contains("Mobile Number"), "the default columns");
    }

    @Test
    void addsAMarriedFilingJointlyClientAndShowsTheSpouseIndicator() {
        String id = unique("MFJ");
        signIn("webadmin", WEBADMIN_PASSWORD);
        browser.click("#add-client");
        browser.type("#client-form [name=clientId]", id);
        browser.type("#client-form [name=name]", "Ann Married");
        browser.type("#client-form [name=email]", id.toLowerCase(Locale.ROOT) + "@example.com");
        browser.type("#client-form [name=taxId]", taxId());
        assertFalse(browser.find("#client-form [name=marriedFilingJointly]").isSelected());
        assertFalse(browser.driver().findElement(By.cssSelector("#spouse-fields")).isDisplayed(), "spouse fields hidden");
        browser.click("#client-form [name=marriedFilingJointly]");
        browser.type("#client-form [name='spouse.name']", "Bob Married");
        browser.type("#client-form [name='spouse.email']", "spouse-" + id.toLowerCase(Locale.ROOT) + "@example.com");
        browser.click("#client-form [name=spouseSignsFirst]");
        browser.screenshot(SCREENSHOTS.resolve("add-client.png"));
        browser.click("dialog button[type=submit]");
        browser.untilText("main .alert-success", "Client " + id);
        search(id);
        assertTrue(browser.present("tr[data-client-id='" + id + "'] .spouse-indicator"), "the spouse indicator");
        JsonNode saved = admin.expect(200, "GET", "/clients/" + id, null);
        assertTrue(saved.get("marriedFilingJointly").asBoolean());
        assertTrue(saved.get("spouseSignsFirst").asBoolean());
        assertEquals("Bob Married", saved.get("spouse").get("name").asText());
    }

    @Test
    void aValidationErrorIsShownAtItsFieldAndNothingIsSaved() {
        String id = unique("BAD");
        signIn("webadmin", WEBADMIN_PASSWORD);
        browser.click("#add-client");
        browser.type("#client-form [name=clientId]", id);
        browser.type("#client-form [name=name]", "Bad Email");
        browser.type("#client-form [name=email]", "not-an-email");
        browser.click("dialog button[type=submit]");
        WebElement email = browser.find("#client-form [name=email].is-invalid");
        assertEquals("true", email.getAttribute("aria-invalid"));
        String message = browser.text("#" + email.getAttribute("id") + "-error");
        assertTrue(message.contains("Email is not a valid email address"), message);
        assertEquals(404, admin.get("/clients/" + id).status());
        browser.driver().findElement(By.cssSelector("dialog")).sendKeys(Keys.ESCAPE);
        browser.until(d -> !browser.present("dialog"), "Escape to close the dialog");
    }

    @Test
    void anEditKeepsTheMaskedSsnWarnsOfAnEmailChangeAndExplainsAStaleVersion() {
        String id = unique("EDIT");
        String email = id.toLowerCase(Locale.ROOT) + "@example.com";
        String taxId = taxId();
        admin.createClient(id, "Edith Before", email, taxId, 1, null);
        signIn("webadmin", WEBADMIN_PASSWORD);
        search(id);
        browser.click("tr[data-client-id='" + id + "'] [data-action=edit]");
        browser.until(d -> id.equals(browser.find("#client-form [name=clientId]").getAttribute("value")), "the client in the form");
        assertEquals("XXX-XX-" + taxId.substring(5), browser.find("#client-form [name=taxId]").getAttribute("value"),
                "the SSN stays masked");
        assertFalse(browser.find("#client-form [name=email]").getAttribute("value").isEmpty());
        assertFalse(browser.driver().findElement(By.cssSelector("#email-change-warning")).isDisplayed());
        browser.type("#client-form [name=email]", "new-" + email);
        browser.untilText("#email-change-warning", "items delivered to the old address leave");
        browser.type("#client-form [name=email]", email);
        browser.type("#client-form [name=name]", "Edith Mine");

        // someone else saves first
        JsonNode current = admin.expect(200, "GET", "/clients/" + id, null);
        admin.expect(200, "PATCH", "/clients/" + id, "{\"name\": \"Edith Theirs\", \"version\": "
                + current.get("version").asLong() + "}");
        browser.click("dialog button[type=submit]");
        browser.untilText("dialog", "Someone else changed this client while you were editing.");
        assertEquals("Edith Theirs", admin.expect(200, "GET", "/clients/" + id, null).get("name").asText(), "nothing overwritten");
        browser.click("#reload-client");
        browser.until(d -> "Edith Theirs".equals(browser.find("#client-form [name=name]").getAttribute("value")), "the reloaded client");
        browser.type("#client-form [name=name]", "Edith Mine");
        browser.click("dialog button[type=submit]");
        browser.untilText("main .alert-success", "Client " + id + " was saved.");
        JsonNode saved = admin.expect(200, "GET", "/clients/" + id, null);
        assertEquals("Edith Mine", saved.get("name").asText());
        assertEquals(taxId, admin.expect(200, "GET", "/clients/" + id + "/tax-id", null).get("taxId").asText().replace("-", ""),
                "the stored SSN kept whole");
    }

    @Test
    void selectsAllClientsMatchingASearchAndSendsThemOnboardingEmails() throws Exception {
        String prefix = unique("BULK");
        for (int i = 0; i < 27; i++) {
            admin.createClient(prefix + "-" + i, "Bulk " + prefix + " " + i, prefix.toLowerCase(Locale.ROOT) + i + "@example.com",
                    taxId(), 1, null);
        }
        signIn("webadmin", WEBADMIN_PASSWORD);
        search(prefix);
        browser.untilText("#grid-summary", "of 27 clients");
        browser.click("#select-page");
        browser.untilText("#selection-count", "25 clients selected.");
        browser.click("#select-all-matching");
        browser.untilText("#selection-count", "All 27 clients matching this search are selected.");
        browser.click("#bulk-actions");
        browser.click("[data-bulk=SEND_ONBOARDING_EMAIL]");
        browser.untilText("#bulk-result", "27 of 27 clients succeeded");
        Path outbox = distribution.home().resolve("data/atrium/outbox");
        browser.until(d -> mailsTo(outbox, prefix.toLowerCase(Locale.ROOT)) == 27, "27 onboarding emails in the outbox");
        search(prefix);
        browser.until(d -> browser.all("tr[data-client-id] .badge-status-invited").size() == 25, "the clients invited");
    }

    @Test
    void aBulkActionOverMoreClientsThanARequestWaitsForShowsItsProgressToTheEnd() {
        String prefix = unique("JOB");
        StringBuilder csv = new StringBuilder(ImportIT.HEADER + "\r\n");
        for (int i = 0; i < 520; i++) {
            csv.append("Individual,").append(prefix).append('-').append(i).append(",Job ").append(prefix).append(' ')
                    .append(i).append(',').append(prefix.toLowerCase(Locale.ROOT)).append(i).append("@example.com,,,,,1,,,,,,,\r\n");
        }
        StaffApi.Answer accepted = admin.send("POST", "/imports", csv.toString(), "text/csv");
        assertEquals(202, accepted.status(), accepted.body());
        String job = "/imports/" + accepted.json().get("id").asText();
        browser.until(d -> "SUCCEEDED".equals(admin.get(job).json().path("state").asText()), "the import of 520 clients");
        signIn("webadmin", WEBADMIN_PASSWORD);
        // the whole register ten a page is more than 40 pages: the grid's first answer says "more than 400",
        // the exact number comes once counted, and with it the last page
        long everyone = admin.expect(200, "GET", "/clients?size=1&exactTotal=true", null).get("total").asLong();
        selectOption("#page-size", "10");
        browser.untilText("#grid-summary", String.format(Locale.US, "Showing 1–10 of %,d clients", everyone));
        assertEquals(String.format(Locale.US, "Page 1 of %,d", (everyone + 9) / 10), browser.text("#page-number"));
        assertTrue(browser.find("#last-page").isEnabled(), "the last page is known");
        search(prefix);
        browser.untilText("#grid-summary", "of 520 clients");
        browser.click("#select-page");
        browser.click("#select-all-matching");
        browser.untilText("#selection-count", "All 520 clients matching this search are selected.");
        browser.click("#bulk-actions");
        browser.click("[data-bulk=DISABLE_PORTAL_ACCESS]");

        // more than 500: a bulk job, which the page follows until it is done
        browser.untilText("#bulk-result", "520 of 520 clients succeeded");
        assertFalse(admin.expect(200, "GET", "/clients/" + prefix + "-519", null).get("portalAccess").asBoolean());
        JsonNode latest = admin.expect(200, "GET", "/bulk-jobs?limit=1", null).get(0);
        assertEquals("DISABLE_PORTAL_ACCESS", latest.get("action").asText());
        assertEquals("webadmin", latest.get("submittedBy").asText());
        assertEquals(520, latest.get("succeeded").asInt());
    }

    @Test
    void togglesPortalAccessFromTheRow() {
        String id = unique("TGL");
        admin.createClient(id, "Toggle Me", id.toLowerCase(Locale.ROOT) + "@example.com", taxId(), 1, null);
        signIn("webadmin", WEBADMIN_PASSWORD);
        search(id);
        WebElement toggle = browser.find("tr[data-client-id='" + id + "'] input[role=switch]");
        assertTrue(toggle.isSelected());
        toggle.click();
        browser.until(d -> !admin.expect(200, "GET", "/clients/" + id, null).get("portalAccess").asBoolean(),
                "portal access off on the server");
    }

    // --- import and export

    @Test
    void importsACsvWithAnErrorThenTheCorrectedOneAndUndoesIt() throws Exception {
        String prefix = unique("IMP");
        Path broken = distribution.home().getParent().resolve(prefix + "-broken.csv");
        Files.writeString(broken, ImportIT.HEADER + "\r\n"
                + "Individual," + prefix + "-1,Imported One," + prefix.toLowerCase(Locale.ROOT) + "1@example.com,,,,,1,,,,,,,\r\n"
                + "Individual," + prefix + "-2,Imported Two,not-an-email,,,,,1,,,,,,,\r\n");
        signIn("webadmin", WEBADMIN_PASSWORD);
        browser.click("#import-link");
        browser.find("#import-file").sendKeys(broken.toAbsolutePath().toString());
        browser.click("#start-import");
        browser.untilText("#import-result", "Import failed: nothing was changed.");
        browser.find("#import-errors");
        assertTrue(browser.text("#import-errors").contains("Email"), browser.text("#import-errors"));
        assertEquals(404, admin.get("/clients/" + prefix + "-1").status(), "nothing of the file was written");

        Path fixed = distribution.home().getParent().resolve(prefix + "-fixed.csv");
        Files.writeString(fixed, Files.readString(broken).replace("not-an-email", prefix.toLowerCase(Locale.ROOT) + "2@example.com"));
        browser.find("#import-file").sendKeys(fixed.toAbsolutePath().toString());
        browser.click("#start-import");
        browser.untilText("#import-result", "2 clients created, 0 updated.");
        browser.screenshot(SCREENSHOTS.resolve("import.png"));
        assertEquals(200, admin.get("/clients/" + prefix + "-2").status());

        browser.click("#undo-import");
        browser.click("dialog .btn-danger");
        browser.untilText("#import-result", "Import undone");
        assertEquals(404, admin.get("/clients/" + prefix + "-1").status(), "the import's clients are gone again");
    }

    @Test
    void exportsTheSearchToExcelWithTheGridsColumns() throws Exception {
        String prefix = unique("EXP");
        for (int i = 0; i < 3; i++) {
            admin.createClient(prefix + "-" + i, "Exported " + i, prefix.toLowerCase(Locale.ROOT) + i + "@example.com", taxId(), 1, null);
        }
        signIn("webadmin", WEBADMIN_PASSWORD);
        search(prefix);
        browser.click("#export-button");
        browser.click("#export-xlsx");
        Path file = browser.until(d -> newestDownload(".xlsx"), "the downloaded workbook");
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertEquals("Client ID", header.get(0));
            assertTrue(header.contains("Portal Access") && header.contains("Status"), header.toString());
            assertEquals(3, sheet.getLastRowNum(), "a header and the three clients of the search");
            Row first = sheet.getRow(1);
            assertEquals(prefix + "-0", first.getCell(0).getStringCellValue());
        }
    }

    // --- what staff see

    @Test
    void staffSeeNeitherSettingsNorClientsOfOtherOffices() {
        String prefix = unique("OFC");
        admin.createClient(prefix + "-MINE", "Office One Client", prefix.toLowerCase(Locale.ROOT) + "1@example.com", taxId(), 1, null);
        admin.createClient(prefix + "-THEIRS", "Office Two Client", prefix.toLowerCase(Locale.ROOT) + "2@example.com", taxId(), 2, null);
        signIn("webstaff", WEBSTAFF_PASSWORD);
        assertEquals("Staff", browser.text("#signed-in-role"));
        assertFalse(browser.present("#settings-menu"), "no Settings for staff");
        search(prefix);
        assertEquals(List.of(prefix + "-MINE"), rowIds());
        browser.open(atrium + "/atrium/#/settings/audit");
        browser.until(d -> d.getCurrentUrl().endsWith("#/clients"), "staff sent back to Portal Management");
        browser.click("#add-client");
        List<String> offices = browser.all("#client-form [name=officeLocation] option").stream().map(WebElement::getText).toList();
        assertEquals(List.of("1 · Main Office"), offices, "only the offices granted");
    }

    // --- quality

    @Test
    void axeFindsNoSeriousViolationsOnTheMainScreens() {
        browser.assertNoSeriousAccessibilityViolations("the sign-in page");
        browser.screenshot(SCREENSHOTS.resolve("sign-in.png"));
        admin.createClient(unique("AXE"), "Accessible Client", unique("axe").toLowerCase(Locale.ROOT) + "@example.com", taxId(), 1,
                "Accessible Spouse");
        signIn("webadmin", WEBADMIN_PASSWORD);
        browser.find("tr[data-client-id]");
        browser.assertNoSeriousAccessibilityViolations("Portal Management");
        browser.click("#add-client");
        browser.find("#client-form");
        browser.assertNoSeriousAccessibilityViolations("the Add Client dialog");
        browser.driver().findElement(By.cssSelector("dialog")).sendKeys(Keys.ESCAPE);
        for (String screen : List.of("import", "settings/instructions", "settings/offices", "settings/audit", "settings/mail")) {
            browser.open(atrium + "/atrium/#/" + screen);
            browser.find("main h1");
            browser.until(d -> !browser.present("main [role=status] .spinner-border"), "the screen loaded");
            browser.assertNoSeriousAccessibilityViolations(screen);
            browser.screenshot(SCREENSHOTS.resolve(screen.replace('/', '-') + ".png"));
        }
        browser.open(atrium + "/atrium/#/clients");
        browser.driver().manage().window().setSize(new Dimension(1920, 1080));
        try {
            browser.find("tr[data-client-id]");
            browser.screenshot(SCREENSHOTS.resolve("portal-management-1920.png"));
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 800));
        }
    }

    // --- helpers

    private void signIn(String user, String password) {
        browser.find("input[name=username]");
        browser.type("input[name=username]", user);
        browser.type("input[name=password]", password);
        browser.click("form button[type=submit]");
        browser.untilText("#signed-in-user", user);
    }

    /** The password, then the second step's code. */
    private void signInWithCode(String user, String password, String code) {
        browser.type("input[name=username]", user);
        browser.type("input[name=password]", password);
        browser.click("form button[type=submit]");
        browser.type("#sign-in-code", code);
        browser.click("form button[type=submit]");
    }

    private void search(String text) {
        browser.type("#client-search", text);
        // the grid answers as the user types, after a short pause: wait until it shows this search
        browser.until(d -> {
            WebElement grid = browser.find("#client-grid");
            return text.equals(grid.getAttribute("data-query")) && grid.getAttribute("aria-busy") == null;
        }, "the grid to show the search for " + text);
    }

    private List<String> rowIds() {
        return browser.all("#client-grid tbody tr[data-client-id]").stream().map(row -> row.getAttribute("data-client-id"))
                .toList();
    }

    private List<String> headers() {
        return browser.all("#client-grid thead th").stream().map(th -> th.getText().strip()).toList();
    }

    private void openColumnsMenu() {
        if (!browser.driver().findElement(By.cssSelector("#columns-menu")).isDisplayed()) {
            browser.click("#columns-button");
        }
        browser.find("#columns-menu");
    }

    private void selectOption(String css, String value) {
        new org.openqa.selenium.support.ui.Select(browser.find(css)).selectByValue(value);
    }

    private Path newestDownload(String extension) {
        try (Stream<Path> files = Files.list(browser.downloads())) {
            return files.filter(f -> f.toString().endsWith(extension)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static long mailsTo(Path outbox, String addressPrefix) {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(file -> {
                try {
                    return Files.readString(file).contains("To: " + addressPrefix);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
    }

    private static String taxId() {
        return TestSsns.random();
    }
}
