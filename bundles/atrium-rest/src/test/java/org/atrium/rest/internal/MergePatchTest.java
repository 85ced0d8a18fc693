package org.atrium.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 7396, appendix A: the examples of the RFC. */
class MergePatchTest {

    private static JsonNode json(String text) throws Exception {
        return JsonProvider.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static void assertPatch(String target, String patch, String result) throws Exception {
        JsonNode original = json(target);
        assertEquals(json(result), MergePatch.apply(original, json(patch)), target + " + " + patch);
        assertEquals(json(target), original, "the target is left as it was");
    }

    @Test
    void theExamplesOfTheRfc() throws Exception {
        assertPatch("{'a':'b'}", "{'a':'c'}", "{'a':'c'}");
        assertPatch("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}");
        assertPatch("{'a':'b'}", "{'a':null}", "{}");
        assertPatch("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}");
        assertPatch("{'a':['b']}", "{'a':'c'}", "{'a':'c'}");
        assertPatch("{'a':'c'}", "{'a':['b']}", "{'a':['b']}");
        assertPatch("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}");
        assertPatch("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}");
        assertPatch("['a','b']", "['c','d']", "['c','d']");
        assertPatch("{'a':'b'}", "['c']", "['c']");
        assertPatch("{'a':'foo'}", "'bar'", "'bar'");
        assertPatch("{'e':null}", "{'a':1}", "{'e':null,'a':1}");
        assertPatch("[1,2]", "{'a':'b','c':null}", "{'a':'b'}");
        assertPatch("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}");
    }
}
