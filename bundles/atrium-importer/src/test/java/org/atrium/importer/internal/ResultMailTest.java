package org.atrium.importer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.mail.MailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultMailTest {

    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void aSucceededImportIsReportedWithItsCounts() throws Exception {
        ImportJob job = new ImportJob("j1", ImportState.SUCCEEDED, false, null, 300, 300, 200, 100, 0, "ann", AT, AT,
                null, null);

        MailMessage mail = ResultMail.message("ann@firm.example", job, folder.resolve("none.csv"));

        assertEquals(List.of("ann@firm.example"), mail.to());
        assertEquals("Client Import Completed Successfully", mail.subject());
        assertTrue(mail.text().contains("New clients created: 200"), mail.text());
        assertTrue(mail.text().contains("Existing clients updated: 100"), mail.text());
        assertTrue(mail.attachments().isEmpty());
    }

    @Test
    void aFailedImportCarriesTheErrorCsv() throws Exception {
        Path errors = Files.writeString(folder.resolve("errors.csv"), "Row,Client ID,Column,Message\r\n");
        ImportJob job = new ImportJob("j2", ImportState.FAILED, false, null, 300, 300, 0, 0, 1, "ann", AT, AT,
                "1 problem(s) in the file; nothing was written. The error CSV lists them.", null);

        MailMessage mail = ResultMail.message("ann@firm.example", job, errors);

        assertEquals("Client Import Failed", mail.subject());
        assertTrue(mail.text().contains("nothing was changed"), mail.text());
        assertEquals("atrium-import-errors-j2.csv", mail.attachments().get(0).fileName());
        assertArrayEquals(Files.readAllBytes(errors), mail.attachments().get(0).content());
    }
}
