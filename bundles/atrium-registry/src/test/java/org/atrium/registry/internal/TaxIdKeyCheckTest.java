package org.atrium.registry.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atrium.registry.internal.clients.JpaClientRegister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A register refuses to start under a key its tax IDs were not encrypted with. */
class TaxIdKeyCheckTest {

    private TestDatabase database;
    private RegisterCore core;

    @BeforeEach
    void start() {
        database = new TestDatabase();
        core = database.core(TestDatabase.CLOCK);
        new JpaOfficeDirectory(database.jpa());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void anEmptyRegisterTakesAnyKey() {
        assertDoesNotThrow(() -> TaxIdKeyCheck.verify(database.jpa(), new TaxIdCipher(TaxIdCipherTest.key(9)), "k"));
    }

    @Test
    void theKeyTheTaxIdsWereEncryptedWithIsTakenAndAnotherIsRefusedWithWhatToDo() {
        new JpaClientRegister(core).create(ClientRulesTest.individual().clientId("K1").name("Kim Key")
                .email("kim@example.com").build());
        assertDoesNotThrow(() -> TaxIdKeyCheck.verify(database.jpa(), core.taxIds(), "the master key"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TaxIdKeyCheck.verify(database.jpa(), new TaxIdCipher(TaxIdCipherTest.key(9)),
                        "the master key (fingerprint abc)"));
        assertTrue(refused.getMessage().contains("the master key (fingerprint abc)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("etc/atrium.keys.cfg"), refused.getMessage());
    }
}
