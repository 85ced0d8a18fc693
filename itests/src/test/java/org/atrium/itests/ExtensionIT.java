package org.atrium.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A firm's own bundle, as the example extension shows one: installed at run time it changes what the
 * register accepts (REST and import) and what an export offers; uninstalled, the plain behaviour is back,
 * without a restart of anything else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExtensionIT extends AtriumTestSupport {

    private String run;

    @Before
    public void setUp() {
        awaitRestApi();
        run = unique();
    }

    private Reply create(String clientId) {
        return post("/clients", "{\"clientId\":\"" + clientId + "\",\"type\":\"INDIVIDUAL\",\"name\":\"Ext " + clientId
                + "\",\"email\":\"" + clientId + "@example.com\",\"officeLocation\":1}");
    }

    @Test
    public void theExampleExtensionAddsAClientIdRuleAndAColumnWhileItIsInstalled() throws Exception {
        assertEquals("without the extension any client ID goes", 201, create("A-" + run).status());

        executeCommand("feature:install atrium-example-extension");
        await("the firm's rule to apply", () -> create("B-" + run).status() == 400);

        Reply refused = create("C-" + run);
        assertEquals(refused.body(), 400, refused.status());
        JsonNode error = refused.json().get("errors").get(0);
        assertEquals("clientId", error.get("field").asText());
        assertTrue(error.toString(), error.get("message").asText().contains("pattern [0-9]{6}"));
        String sixDigits = String.valueOf(100_000 + Math.floorMod(run.hashCode(), 900_000));
        assertEquals(201, create(sixDigits).status());

        Reply upload = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/imports")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(ImportIT.HEADER + "\r\n"
                        + "Individual,I-" + run + ",Imported Person,i-" + run + "@example.com,,,,,1,,,,,,,\r\n",
                        StandardCharsets.UTF_8)));
        assertEquals(upload.body(), 202, upload.status());
        String job = "/imports/" + upload.json().get("id").asText();
        await("the import to finish", () -> List.of("SUCCEEDED", "FAILED").contains(get(job).json().path("state").asText()));
        assertEquals("FAILED", get(job).json().get("state").asText());
        String errors = get(job + "/errors").body();
        assertTrue("the row and column of the firm's rule: " + errors, errors.contains("2,I-" + run + ",Client ID,"));
        assertTrue(errors, errors.contains("does not follow the firm's pattern [0-9]{6}."));

        assertTrue(get("/exports/columns").body().contains("\"filingStatus\""));
        String csv = get("/exports/clients.csv?columns=clientId,filingStatus&q=" + sixDigits).body();
        assertTrue(csv, csv.contains("Client ID,Filing status"));
        assertTrue(csv, csv.contains(sixDigits + ",Single or separate"));

        executeCommand("feature:uninstall atrium-example-extension");
        await("the plain rules to be back", () -> create("D-" + run).status() == 201);
        assertFalse(get("/exports/columns").body().contains("\"filingStatus\""));
        assertEquals("the register kept answering", 200, get("/clients/A-" + run).status());
    }
}
