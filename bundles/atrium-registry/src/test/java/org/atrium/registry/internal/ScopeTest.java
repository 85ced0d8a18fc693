package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.security.Actor;
import org.junit.jupiter.api.Test;

/** Which clients an actor reaches, and what a refusal says. */
public class ScopeTest {

    private static final Scope ADMIN = new Scope(Actor.SYSTEM);
    private static final Scope JANE = new Scope(Actor.staff("jane", Set.of(3, 1)));
    private static final Scope NOBODY = new Scope(Actor.staff("newbie", Set.of()));

    @Test
    void administratorsSearchEveryOffice() {
        Map<String, Object> parameters = new HashMap<>();
        assertEquals(" WHERE c.status = :status", ADMIN.within(" WHERE c.status = :status", parameters));
        assertTrue(parameters.isEmpty());
        assertFalse(ADMIN.reachesNoOffice());
    }

    @Test
    void staffSearchTheirOfficesOnlyWithOrWithoutOtherConditions() {
        Map<String, Object> parameters = new HashMap<>();
        assertEquals(" WHERE c.officeLocation IN :scopeOffices", JANE.within("", parameters));
        assertEquals(Set.of(1, 3), Set.copyOf((List<?>) parameters.get("scopeOffices")));
        assertEquals(" WHERE c.status = :status AND c.officeLocation IN :scopeOffices",
                JANE.within(" WHERE c.status = :status", new HashMap<>()));
        assertTrue(NOBODY.reachesNoOffice());
    }

    @Test
    void aRefusalNamesTheOfficeAndTheUsersOwn() {
        assertDoesNotThrow(() -> JANE.requireOfficeAccess(3, "add clients to"));
        assertDoesNotThrow(() -> JANE.requireOfficeAccess(null, "add clients to"));
        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> JANE.requireOfficeAccess(2, "add clients to"));
        assertEquals("You may not add clients to office location 2: office location 2 is not among the office "
                + "locations granted to user 'jane' (1, 3).", refused.getMessage());
        assertEquals("office location 2 is not among the office locations granted to user 'newbie' (none).",
                NOBODY.noOfficeAccess(2));
    }
}
