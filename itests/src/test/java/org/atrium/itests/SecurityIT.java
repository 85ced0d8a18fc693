package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Office-location scoping, settings for administrators only, full tax ID reads and the audit trail, over
 * real HTTP against our distribution. The staff user {@code staff} is granted office 2 only; every test
 * makes its own clients in office 1 (out of reach) and office 2 (in reach).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends AtriumTestSupport {

    private static final String STAFF = "staff";
    private static final String STAFF_PW = STAFF_PASSWORD;

    /**
     * As a firm behind a proxy configures it, from the start: the tests' requests come through 127.0.0.1 and
     * say whose they are in X-Forwarded-For (changing it at run time raced Karaf's write-back of the file).
     */
    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/atrium.security.cfg", "trusted.proxies", "127.0.0.1, 0:0:0:0:0:0:0:1"));
    }

    private String run;
    private String outside;
    private String outsideTaxId;
    private String inside;

    @Before
    public void setUp() {
        awaitRestApi();
        if (get("/offices").body().indexOf("\"number\":2") < 0) {
            assertEquals(201, post("/offices", "{\"number\":2,\"name\":\"Branch\"}").status());
        }
        assertEquals(200, put("/users/" + STAFF, "{\"email\":\"staff@firm.example\",\"offices\":[2]}").status());
        run = unique();
        outside = "O" + run;
        outsideTaxId = taxId();
        inside = "I" + run;
        assertEquals(201, post("/clients", client(outside, "Outside " + run, outsideTaxId, 1)).status());
        assertEquals(201, post("/clients", client(inside, "Inside " + run, taxId(), 2)).status());
    }

    private static String client(String clientId, String name, String taxId, int office) {
        return "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"" + name + "\",\"email\":\""
                + clientId.toLowerCase() + "@example.com\",\"taxId\":\"" + taxId + "\",\"dateOfBirth\":\"1980-04-15\","
                + "\"officeLocation\":" + office + "}";
    }

    private static String taxId() {
        return TestSsns.random();
    }

    private Reply staff(String method, String path, String json) {
        return as(STAFF, STAFF_PW, method, path, json);
    }

    private static List<String> clientIds(Reply page) {
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(item -> ids.add(item.get("clientId").asText()));
        return ids;
    }

    @Test
    public void staffCannotSeeOrFindAClientOfAnotherOffice() {
        List<String> listed = clientIds(staff("GET", "/clients?size=500&q=" + run, null));
        assertEquals(List.of(inside), listed);
        assertEquals(0, staff("GET", "/clients?q=" + outsideTaxId, null).json().get("total").asLong());
        assertEquals(0, staff("GET", "/clients?office=1&q=" + run, null).json().get("total").asLong());

        Reply read = staff("GET", "/clients/" + outside, null);
        assertEquals(404, read.status());
        assertEquals("application/problem+json", read.contentType());
        assertEquals("the same answer as for a client that does not exist", 404,
                staff("GET", "/clients/NOPE" + run, null).status());
        assertEquals(200, staff("GET", "/clients/" + inside, null).status());
        assertEquals("administrators see every office", List.of(inside, outside),
                clientIds(get("/clients?sort=clientId&q=" + run)).stream().sorted().toList());
    }

    @Test
    public void staffCannotChangeToggleOrDeleteAClientOfAnotherOffice() {
        JsonNode before = get("/clients/" + outside).json();
        String update = client(outside, "Changed", outsideTaxId, 1).replace("}", ",\"version\":"
                + before.get("version").asLong() + "}");
        assertEquals(404, staff("PATCH", "/clients/" + outside, update).status());
        assertEquals(404, staff("PUT", "/clients/" + outside + "/portal-access", "{\"enabled\":false}").status());
        assertEquals(404, staff("PUT", "/clients/" + outside + "/sms-otp", "{\"enabled\":false}").status());
        assertEquals(404, staff("PUT", "/clients/" + outside + "/drop-off-access", "{\"enabled\":true}").status());
        assertEquals(404, staff("DELETE", "/clients/" + outside, null).status());

        JsonNode after = get("/clients/" + outside).json();
        assertEquals("nothing changed", before, after);
    }

    @Test
    public void bulkActionsOfStaffReachOnlyTheirOffices() {
        Reply byIds = staff("POST", "/clients/bulk", "{\"action\":\"DISABLE_PORTAL_ACCESS\",\"clientIds\":[\"" + outside
                + "\",\"" + inside + "\"]}");
        assertEquals(byIds.body(), 200, byIds.status());
        assertEquals(1, byIds.json().get("succeeded").asInt());
        assertEquals(outside, byIds.json().get("failed").get(0).get("clientId").asText());
        assertTrue(get("/clients/" + outside).json().get("portalAccess").asBoolean());
        assertFalse(get("/clients/" + inside).json().get("portalAccess").asBoolean());

        Reply byFilter = staff("POST", "/clients/bulk", "{\"action\":\"DELETE\",\"filter\":{\"q\":\"" + run + "\"}}");
        assertEquals(byFilter.body(), 200, byFilter.status());
        assertEquals("the filter matched only the staff member's client", 1, byFilter.json().get("requested").asInt());
        assertEquals(404, get("/clients/" + inside).status());
        assertEquals("the other office's client is untouched", 200, get("/clients/" + outside).status());
    }

    @Test
    public void staffCreateAndMoveClientsOnlyWithinTheirOffices() {
        Reply foreign = staff("POST", "/clients", client("N" + run, "New", taxId(), 1));
        assertEquals(403, foreign.status());
        assertTrue(foreign.body(), foreign.json().get("detail").asText().contains("office location 1"));
        assertEquals(404, get("/clients/N" + run).status());

        JsonNode mine = get("/clients/" + inside).json();
        // the masked tax ID as read means "unchanged"
        String move = client(inside, "Inside " + run, mine.get("taxId").asText(), 1).replace("}", ",\"version\":"
                + mine.get("version").asLong() + "}");
        Reply moved = staff("PATCH", "/clients/" + inside, move);
        assertEquals(moved.body(), 403, moved.status());
        assertEquals("still in office 2", 2, get("/clients/" + inside).json().get("officeLocation").asInt());

        assertEquals(201, staff("POST", "/clients", client("M" + run, "Mine", taxId(), 2)).status());
    }

    @Test
    public void settingsAreForAdministratorsOnly() {
        assertEquals(403, staff("POST", "/offices", "{\"number\":77,\"name\":\"Nope\"}").status());
        assertEquals(403, staff("GET", "/users", null).status());
        assertEquals(403, staff("GET", "/users/" + STAFF, null).status());
        assertEquals(403, staff("PUT", "/users/" + STAFF, "{\"offices\":[1,2]}").status());
        assertEquals(403, staff("GET", "/audit", null).status());
        Reply taxId = staff("GET", "/clients/" + inside + "/tax-id", null);
        assertEquals(403, taxId.status());
        assertEquals("application/problem+json", taxId.contentType());
        assertEquals("the grant is unchanged", List.of(2), offices(get("/users/" + STAFF).json()));
    }

    @Test
    public void unauthenticatedAndWrongPasswordRequestsGet401() {
        assertEquals(401, as(STAFF, "wrong", "GET", "/clients", null).status());
        assertEquals(401, as("nobody-" + run, STAFF_PW, "GET", "/me", null).status());
        for (String path : List.of("/clients", "/me", "/users", "/audit", "/clients/" + inside + "/tax-id")) {
            Reply anonymous = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                    .header("Authorization", "None"));
            assertEquals(path, 401, anonymous.status());
            assertNotNull(anonymous.challenge());
        }
        assertEquals("a correct password still works after one failure", 200, staff("GET", "/me", null).status());
    }

    @Test
    public void usersAndMeShowRolesAndGrants() {
        JsonNode me = staff("GET", "/me", null).json();
        assertEquals(STAFF, me.get("username").asText());
        assertEquals("atrium-staff", me.get("roles").get(0).asText());
        assertEquals("staff@firm.example", me.get("email").asText());
        assertEquals(List.of(2), offices(me));
        assertFalse(me.get("allOffices").asBoolean());

        JsonNode adminMe = get("/me").json();
        assertTrue(adminMe.get("allOffices").asBoolean());

        List<String> names = new ArrayList<>();
        get("/users").json().forEach(user -> names.add(user.get("username").asText()));
        assertTrue(names.toString(), names.containsAll(List.of("admin", STAFF)));
        assertFalse("a user without an Atrium role is not listed", names.contains("norole"));

        Reply unknownUser = put("/users/ghost" + run, "{\"offices\":[1]}");
        assertEquals(404, unknownUser.status());
        Reply unknownOffice = put("/users/" + STAFF, "{\"offices\":[2, 999]}");
        assertEquals(400, unknownOffice.status());
        assertTrue(unknownOffice.body(), unknownOffice.json().get("detail").asText().contains("999"));
        Reply badEmail = put("/users/" + STAFF, "{\"email\":\"not-an-email\",\"offices\":[2]}");
        assertEquals(400, badEmail.status());
        assertEquals(List.of(2), offices(get("/users/" + STAFF).json()));
    }

    private static List<Integer> offices(JsonNode user) {
        List<Integer> offices = new ArrayList<>();
        user.get("offices").forEach(office -> offices.add(office.asInt()));
        return offices;
    }

    @Test
    public void anAdministratorReadsAFullTaxIdAndTheReadIsAudited() {
        Reply read = get("/clients/" + outside + "/tax-id");
        assertEquals(read.body(), 200, read.status());
        String formatted = outsideTaxId.substring(0, 3) + "-" + outsideTaxId.substring(3, 5) + "-"
                + outsideTaxId.substring(5);
        assertEquals(formatted, read.json().get("taxId").asText());

        JsonNode entries = get("/audit?clientId=" + outside).json().get("items");
        assertEquals("TAX_ID_READ", entries.get(0).get("action").asText());
        assertEquals("admin", entries.get(0).get("user").asText());
    }

    @Test
    public void theAuditTrailListsTheChangesByTheRightUserWithMaskedValues() {
        JsonNode mine = get("/clients/" + inside).json();
        String newTaxId = taxId();
        String update = client(inside, "Renamed " + run, newTaxId, 2).replace("}", ",\"version\":"
                + mine.get("version").asLong() + "}");
        assertEquals(200, staff("PATCH", "/clients/" + inside, update).status());
        assertEquals(200, staff("PUT", "/clients/" + inside + "/portal-access", "{\"enabled\":false}").status());

        Reply audit = get("/audit?clientId=" + inside);
        assertEquals(audit.body(), 200, audit.status());
        assertFalse("no full SSN in the audit trail", audit.body().contains(newTaxId));
        JsonNode items = audit.json().get("items");
        assertEquals(3, items.size());
        // newest first
        assertEquals("CLIENT_UPDATED", items.get(0).get("action").asText());
        assertEquals(STAFF, items.get(0).get("user").asText());
        assertEquals("portalAccess", items.get(0).get("changes").get(0).get("field").asText());
        assertEquals("true", items.get(0).get("changes").get(0).get("from").asText());
        assertEquals("false", items.get(0).get("changes").get(0).get("to").asText());

        JsonNode edit = items.get(1);
        assertEquals("CLIENT_UPDATED", edit.get("action").asText());
        assertEquals(STAFF, edit.get("user").asText());
        assertEquals("Inside " + run, change(edit, "name").get("from").asText());
        assertEquals("Renamed " + run, change(edit, "name").get("to").asText());
        assertEquals("XXX-XX-" + newTaxId.substring(5), change(edit, "taxId").get("to").asText());

        assertEquals("CLIENT_CREATED", items.get(2).get("action").asText());
        assertEquals("admin", items.get(2).get("user").asText());

        JsonNode byStaff = get("/audit?user=" + STAFF + "&size=500").json();
        assertTrue(byStaff.get("total").asLong() >= 2);
        byStaff.get("items").forEach(entry -> assertEquals(STAFF, entry.get("user").asText()));
        assertEquals(0, get("/audit?clientId=" + inside + "&to=2000-01-01").json().get("total").asLong());
        assertEquals(400, get("/audit?from=yesterday").status());

        assertEquals("the trail cannot be deleted", 405, delete("/audit").status());
        assertEquals("nor edited", 405, put("/audit", "{}").status());
        assertEquals(3, get("/audit?clientId=" + inside).json().get("total").asInt());

        String console = executeCommand("atrium:audit --client " + inside);
        assertTrue(console, console.contains("CLIENT_UPDATED") && console.contains(STAFF));
        assertFalse(console, console.contains(newTaxId));
    }

    private static JsonNode change(JsonNode entry, String field) {
        for (JsonNode change : entry.get("changes")) {
            if (change.get("field").asText().equals(field)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + field + " in " + entry);
    }

    @Test
    public void failedSignInsAndGrantChangesAreAudited() {
        String intruder = "intruder-" + run;
        // an address of its own: from an address with many failures already, the next are only counted
        String address = "192.0.2." + (1 + (int) (Math.random() * 250));
        assertEquals(401, fromAddress(address, intruder, "guess").status());
        JsonNode failed = get("/audit?user=" + intruder).json().get("items");
        assertEquals(1, failed.size());
        assertEquals("SIGN_IN_FAILED", failed.get(0).get("action").asText());
        assertTrue(failed.toString(), failed.get(0).get("subject").asText().contains("from " + address));

        JsonNode grants = get("/audit?user=admin&size=500").json().get("items");
        boolean grantRecorded = false;
        for (JsonNode entry : grants) {
            grantRecorded |= entry.get("action").asText().equals("GRANT_CHANGED")
                    && entry.get("subject").asText().equals("user " + STAFF);
        }
        assertTrue("the grant of office 2 to staff is in the trail", grantRecorded);
    }

    /** The browser session's contract, as any client sees it over HTTP. */
    @Test
    public void aBrowserSessionSignsInChangesOnlyWithItsTokenAndSignsOut() throws Exception {
        java.net.http.HttpResponse<String> signedIn = postSession("Java");
        assertEquals(signedIn.body(), 200, signedIn.statusCode());
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.startsWith("ATRIUM_SESSION=") && setCookie.contains("; HttpOnly")
                && setCookie.contains("; SameSite=Strict") && setCookie.contains("; Path=/api/v1"));
        assertFalse("no Secure flag over plain HTTP", setCookie.contains("Secure"));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        JsonNode session = JSON.readTree(signedIn.body());
        assertEquals(STAFF, session.get("username").asText());
        assertEquals("[2]", session.get("offices").toString());
        String token = session.get("csrfToken").asText();
        assertTrue(token.length() >= 40);

        Reply me = sendAsItIs(withCookie("/session", cookie));
        assertEquals(me.body(), 200, me.status());
        assertEquals(token, me.json().get("csrfToken").asText());

        String change = "{\"enabled\": false}";
        Reply forged = sendAsItIs(withCookie("/clients/" + inside + "/portal-access", cookie)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(change)));
        assertEquals(forged.body(), 403, forged.status());
        assertEquals("urn:atrium:problem:csrf", forged.json().get("type").asText());
        assertTrue("nothing changed", get("/clients/" + inside).json().get("portalAccess").asBoolean());
        Reply changed = sendAsItIs(withCookie("/clients/" + inside + "/portal-access", cookie)
                .header("X-CSRF-Token", token).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(change)));
        assertEquals(changed.body(), 200, changed.status());
        assertFalse(get("/clients/" + inside).json().get("portalAccess").asBoolean());
        Reply outOfReach = sendAsItIs(withCookie("/clients/" + outside, cookie));
        assertEquals("a session is scoped to the user's offices like Basic", 404, outOfReach.status());

        Reply signedOut = sendAsItIs(withCookie("/session", cookie).header("X-CSRF-Token", token).DELETE());
        assertEquals(204, signedOut.status());
        Reply after = sendAsItIs(withCookie("/session", cookie));
        assertEquals("the cookie stops working on the server", 401, after.status());
        assertEquals("Session realm=\"Atrium\"", after.challenge());
    }

    @Test
    public void failedSessionSignInsCountTowardsTheLockOut() {
        String user = "locky";
        for (int i = 0; i < 3; i++) {
            Reply wrong = post("/session", "{\"username\": \"" + user + "\", \"password\": \"wrong-" + i + "\"}");
            assertEquals(401, wrong.status());
            assertEquals("The user name or password is wrong.", wrong.json().get("detail").asText());
        }
        assertEquals(401, as(user, "wrong-3", "GET", "/clients", null).status());
        assertEquals(401, post("/session", "{\"username\": \"" + user + "\", \"password\": \"wrong-4\"}").status());
        Reply locked = post("/session", "{\"username\": \"" + user + "\", \"password\": \"locky-pw\"}");
        assertEquals("locked after five failures by both ways", 401, locked.status());
        assertTrue(locked.body(), locked.json().get("detail").asText().startsWith("Too many failed sign-ins"));
        Reply missing = post("/session", "{\"username\": \"\"}");
        assertEquals(400, missing.status());
        assertEquals(2, missing.json().get("errors").size());
    }

    @Test
    public void apiTokensActAsTheirUserReadOnlyOnesChangeNothingAndRevokedOnesStop() throws Exception {
        String in30Days = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString();
        Reply created = staff("POST", "/me/tokens", "{\"name\": \"script " + run + "\", \"expiresAt\": \"" + in30Days
                + "\", \"readOnly\": false}");
        assertEquals(created.body(), 201, created.status());
        String token = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertTrue(token, token.startsWith("atr_") && token.length() > 40);
        Reply readOnlyCreated = staff("POST", "/me/tokens", "{\"name\": \"reader " + run + "\", \"expiresAt\": \""
                + in30Days + "\", \"readOnly\": true}");
        String readOnlyToken = readOnlyCreated.json().get("token").asText();

        Reply mine = bearer(token, "GET", "/clients?size=500&q=" + run, null);
        assertEquals(mine.body(), 200, mine.status());
        assertEquals("the staff member's offices only", List.of(inside), clientIds(mine));
        assertEquals(200, bearer(token, "PUT", "/clients/" + inside + "/sms-otp", "{\"enabled\": false}").status());
        assertEquals(200, bearer(readOnlyToken, "GET", "/clients/" + inside, null).status());
        Reply refused = bearer(readOnlyToken, "PUT", "/clients/" + inside + "/portal-access", "{\"enabled\": false}");
        assertEquals(403, refused.status());
        assertEquals("urn:atrium:problem:read-only-token", refused.json().get("type").asText());
        assertTrue("nothing changed", get("/clients/" + inside).json().get("portalAccess").asBoolean());

        JsonNode listed = staff("GET", "/me/tokens", null).json();
        assertEquals(2, listed.size());
        assertFalse("a list never shows a token", listed.toString().contains(token));
        assertTrue("its last use is listed", listed.toString().contains("lastUsedAt"));
        assertTrue("administrators see everyone's", get("/tokens?user=" + STAFF).body().contains("script " + run));
        assertEquals(403, staff("GET", "/tokens", null).status());

        assertEquals(204, staff("DELETE", "/me/tokens/" + id, null).status());
        Reply revoked = bearer(token, "GET", "/clients/" + inside, null);
        assertEquals(401, revoked.status());
        assertEquals("Bearer realm=\"Atrium\"", revoked.challenge());
        assertEquals(401, bearer("atr_made-up", "GET", "/clients", null).status());
        assertEquals(400, staff("POST", "/me/tokens", "{\"name\": \"too long\", \"expiresAt\": \"2099-01-01\"}").status());
        String audit = get("/audit?user=" + STAFF + "&size=100").body();
        assertTrue(audit, audit.contains("TOKEN_CREATED") && audit.contains("TOKEN_FIRST_USED") && audit.contains("TOKEN_REVOKED"));
        assertFalse("no token in the audit trail", audit.contains(token));
        String log = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(System.getProperty("karaf.data"),
                "log", "karaf.log")), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse("no token in the log", log.contains(token) || log.contains(readOnlyToken));
    }

    @Test
    public void aResetOfTwoFactorSignInAtTheConsoleEndsTheUsersSessions() throws Exception {
        String cookie = signInWithSession("Java")[0];
        java.util.function.IntSupplier session = () -> sendAsItIs(withCookie("/session", cookie)).status();
        assertEquals(200, session.getAsInt());
        String output = executeCommand("atrium:user-mfa-reset " + STAFF);
        assertTrue(output, output.contains(STAFF + ": two-factor sign-in reset."));
        assertEquals("the session ended when the console said so", 401, session.getAsInt());
        assertTrue(get("/audit?action=MFA_RESET&size=5").body().contains("user " + STAFF));
    }

    @Test
    public void aBrowserSessionOutlivesAnUpdateOfTheRestBundle() throws Exception {
        String[] signedIn = signInWithSession("Java");
        java.util.function.IntSupplier session = () -> sendAsItIs(withCookie("/session", signedIn[0])).status();
        assertEquals(200, session.getAsInt());
        org.osgi.framework.Bundle rest = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.atrium.rest".equals(b.getSymbolicName())).findFirst().orElseThrow();

        executeCommand("bundle:update " + rest.getBundleId());

        await("the API back after the update", () -> session.getAsInt() != 503);
        Reply me = sendAsItIs(withCookie("/session", signedIn[0]));
        assertEquals("the same cookie still signs in: " + me.body(), 200, me.status());
        assertTrue("with the same CSRF token", me.body().contains(signedIn[1]));
    }

    @Test
    public void aUserListsTheirBrowserSessionsAndSignsOneOut() throws Exception {
        String[] first = signInWithSession("Browser One");
        String[] second = signInWithSession("Browser Two");
        Reply listed = sendAsItIs(withCookie("/me/sessions", second[0]));
        assertEquals(listed.body(), 200, listed.status());
        String otherId = null;
        for (JsonNode session : listed.json()) {
            if (session.get("browser").asText().equals("Browser One")) {
                otherId = session.get("id").asText();
                assertFalse(session.get("current").asBoolean());
            }
        }
        assertTrue(listed.body(), otherId != null && listed.body().contains("\"current\":true"));
        assertFalse("a list shows no cookie", listed.body().contains(first[0].substring(first[0].indexOf('=') + 1)));
        Reply ended = sendAsItIs(withCookie("/me/sessions/" + otherId, second[0]).header("X-CSRF-Token", second[1])
                .DELETE());
        assertEquals(204, ended.status());
        assertEquals(401, sendAsItIs(withCookie("/session", first[0])).status());
        assertEquals(200, sendAsItIs(withCookie("/session", second[0])).status());
    }

    @Test
    public void aPasswordThatBreaksTheRulesIsChangedAtSignInAndTheChangeEndsTheOtherSessions() throws Exception {
        Reply shipped = post("/session", "{\"username\": \"admin\", \"password\": \"admin\"}");
        assertEquals("the shipped admin/admin must be changed", "CHANGE_PASSWORD", shipped.json().get("next").asText());
        String user = "changer";
        String[] first = signInWithSession(user, "changer-pw", "Browser One");
        String[] second = signInWithSession(user, "changer-pw", "Browser Two");
        assertEquals("CHANGE_PASSWORD", sendAsItIs(withCookie("/session", first[0])).json().get("next").asText());
        Reply blocked = sendAsItIs(withCookie("/clients", first[0]));
        assertEquals(403, blocked.status());
        assertTrue(blocked.body(), blocked.json().get("detail").asText().startsWith("Choose a new password first"));

        Reply weak = changePassword(first, "changer-pw", "changer-password-1");
        assertEquals(weak.body(), 400, weak.status());
        assertEquals("newPassword", weak.json().get("errors").get(0).get("field").asText());
        assertTrue(weak.body(), weak.body().contains("Do not use your user name"));
        Reply wrongCurrent = changePassword(first, "not-my-password", "sturdy-lantern-harvest");
        assertEquals(400, wrongCurrent.status());
        assertEquals("This is not your current password.", wrongCurrent.json().get("errors").get(0).get("message").asText());
        assertEquals("nothing changed", 200, as(user, "changer-pw", "GET", "/me", null).status());

        Reply changed = changePassword(first, "changer-pw", "sturdy-lantern-harvest");
        assertEquals(changed.body(), 200, changed.status());
        assertEquals(1, changed.json().get("sessionsEnded").asInt());
        assertFalse("two-factor sign-in is not required here: nothing left to do", changed.json().has("next"));
        assertEquals("the other session ended", 401, sendAsItIs(withCookie("/session", second[0])).status());
        assertEquals("this one goes on, complete", 200, sendAsItIs(withCookie("/clients", first[0])).status());
        assertEquals(401, as(user, "changer-pw", "GET", "/me", null).status());
        assertEquals(200, as(user, "sturdy-lantern-harvest", "GET", "/me", null).status());

        String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getProperty("karaf.etc"),
                "users.properties")).stream().filter(l -> l.startsWith(user)).findFirst().orElseThrow();
        assertTrue(line, line.matches("changer ?= ?\\{CRYPT\\}\\$2a\\$10\\$[^,]+\\{CRYPT\\},atrium-staff"));
        assertTrue(get("/audit?action=PASSWORD_CHANGED").body().contains("\"" + user + "\""));
        String signIns = get("/audit?action=SIGNED_IN").body();
        assertTrue(signIns, signIns.contains("web sign-in with password; still to do: CHANGE_PASSWORD"));
    }

    /**
     * A guesser behind the firm's proxy: their address is read from X-Forwarded-For, their failures lock their
     * address alone, and after the first few they are counted, not written to the log or the audit trail.
     */
    @Test
    public void passwordGuessingLocksOnlyTheGuessersAddressAndCannotFillTheLog() throws Exception {
        String guesser = "203.0.113." + (1 + (int) (Math.random() * 250));
        assertEquals(401, fromAddress(guesser, "probe-" + run, "wrong").status());
        assertTrue("the proxy's X-Forwarded-For names the address",
                get("/audit?action=SIGN_IN_FAILED&user=probe-" + run).body().contains("from " + guesser));
        for (int i = 0; i < 60; i++) {
            assertEquals(401, fromAddress(guesser, "guess" + i + "-" + run, "wrong").status());
        }
        Reply locked = fromAddress(guesser, STAFF, STAFF_PW);
        assertEquals("the right password from the guesser's address is locked out too", 401, locked.status());
        assertTrue(locked.body(), locked.json().get("detail").asText().startsWith("Too many failed sign-ins"));
        assertEquals("the same user from the office gets in", 200, fromAddress("198.51.100.7", STAFF, STAFF_PW)
                .status());
        assertEquals(200, get("/me").status());

        String log = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                System.getProperty("karaf.data"), "log", "karaf.log")), java.nio.charset.StandardCharsets.UTF_8);
        long lines = log.lines().filter(line -> line.contains("from " + guesser + " ")).count();
        assertTrue("log lines of the guesser: " + lines, lines <= 12);
        long audited = get("/audit?action=SIGN_IN_FAILED&size=500").json().get("items").findValues("subject")
                .stream().filter(subject -> subject.asText().contains("from " + guesser)).count();
        assertTrue("audit rows of the guesser: " + audited, audited <= 12);
        JsonNode health = get("/health").json().get("checks").get("sign-in");
        assertEquals(health.toString(), "WARN", health.get("status").asText());
        assertTrue(health.toString(), health.get("details").get("lockedAddresses").asInt() >= 1);
    }

    /**
     * The failures are counted in the database, not in the REST bundle's memory: an update of the bundle (or a
     * request that lands on another node) does not give a guesser a fresh start.
     */
    @Test
    public void aLockOutOutlivesAnUpdateOfTheRestBundle() throws Exception {
        String guesser = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 4; i++) {
            assertEquals(401, fromAddress(guesser, STAFF, "wrong-" + i).status());
        }
        org.osgi.framework.Bundle rest = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.atrium.rest".equals(b.getSymbolicName())).findFirst().orElseThrow();

        executeCommand("bundle:update " + rest.getBundleId());

        await("the API back after the update", () -> get("/me").status() == 200);
        assertEquals("the fifth failure, counted with the four before the update", 401,
                fromAddress(guesser, STAFF, "wrong-4").status());
        Reply locked = fromAddress(guesser, STAFF, STAFF_PW);
        assertEquals(401, locked.status());
        assertTrue(locked.body(), locked.json().get("detail").asText().startsWith("Too many failed sign-ins"));
        assertEquals("the same user from elsewhere gets in", 200, fromAddress("198.51.100.8", STAFF, STAFF_PW)
                .status());
        JsonNode health = get("/health").json().get("checks").get("sign-in");
        assertTrue(health.toString(), health.get("details").get("sharedByAllNodes").asBoolean());
    }

    /** A request through the firm's proxy (trusted in {@link #config()}) from a person at {@code address}. */
    private Reply fromAddress(String address, String user, String password) {
        return sendAsItIs(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/me"))
                .header("Authorization", basic(user, password)).header("X-Forwarded-For", address));
    }

    private Reply changePassword(String[] session, String current, String chosen) {
        return sendAsItIs(withCookie("/me/password", session[0]).header("X-CSRF-Token", session[1])
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\": \"" + current + "\", \"newPassword\": \"" + chosen + "\"}")));
    }

    /** {cookie, csrfToken} of a new session of the staff user, signed in with the given User-Agent. */
    private String[] signInWithSession(String browser) throws Exception {
        return signInWithSession(STAFF, STAFF_PW, browser);
    }

    /** {cookie, csrfToken} of a new session, signed in with the given User-Agent. */
    private String[] signInWithSession(String user, String password, String browser) throws Exception {
        java.net.http.HttpResponse<String> signedIn = postSession(user, password, browser);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return new String[] {setCookie.substring(0, setCookie.indexOf(';')),
            JSON.readTree(signedIn.body()).get("csrfToken").asText()};
    }

    /** The staff user's POST /session as a browser sends it, answer and headers whole. */
    private java.net.http.HttpResponse<String> postSession(String browser) throws Exception {
        return postSession(STAFF, STAFF_PW, browser);
    }

    private java.net.http.HttpResponse<String> postSession(String user, String password, String browser)
            throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/session")).header("Content-Type", "application/json")
                .header("User-Agent", browser).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a session cookie and no other credentials. */
    private java.net.http.HttpRequest.Builder withCookie(String path, String cookie) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path)).header("Cookie", cookie);
    }

    private Reply bearer(String token, String method, String path, String json) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token).method(method, json == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return sendAsItIs(request);
    }
}
