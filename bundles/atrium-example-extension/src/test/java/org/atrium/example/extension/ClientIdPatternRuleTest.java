package org.atrium.example.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.atrium.api.client.ClientData;
import org.atrium.api.client.ClientType;
import org.atrium.api.client.FieldError;
import org.junit.jupiter.api.Test;

class ClientIdPatternRuleTest {

    private static ClientData client(String clientId) {
        return new ClientData(clientId, ClientType.INDIVIDUAL, "Ann Smith", "ann@example.com", null, null, null, null, 1,
                false, null, false, true, false, false);
    }

    private static ClientIdPatternRule rule(String pattern) {
        ClientIdPatternRule rule = new ClientIdPatternRule();
        rule.configure((ExampleConfig) java.lang.reflect.Proxy.newProxyInstance(ExampleConfig.class.getClassLoader(),
                new Class<?>[] {ExampleConfig.class}, (proxy, method, args) -> method.getName().equals("clientId_pattern")
                        ? pattern : method.getDefaultValue()));
        return rule;
    }

    @Test
    void aClientIdOffThePatternIsRefusedNamingThePattern() {
        List<FieldError> errors = rule("\\d{6}").check(client("A-1"));

        assertEquals("clientId", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("pattern \\d{6}"), errors.get(0).message());
        assertEquals(List.of(), rule("\\d{6}").check(client("004711")));
    }

    @Test
    void noPatternOrABrokenOneIsNoRule() {
        assertEquals(List.of(), rule("").check(client("A-1")));
        assertEquals(Optional.empty(), ClientIdPatternRule.compile("(unclosed"));
        assertEquals(List.of(), rule("(unclosed").check(client("A-1")));
    }
}
