package org.atrium.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class UploadCheckTest {

    private static final byte[] PDF = "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1, 0};
    private static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
    private static final byte[] HEIC = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0};

    @Test
    void allowedKindsAreStoredWithTheirOwnType() {
        assertEquals(Optional.of("application/pdf"), UploadCheck.contentType("W-2.PDF", "application/pdf", PDF));
        assertEquals(Optional.of("image/png"), UploadCheck.contentType("scan.png", "application/octet-stream", PNG));
        assertEquals(Optional.of("image/heic"), UploadCheck.contentType("IMG_0001.HEIC", "", HEIC));
        assertEquals(Optional.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                UploadCheck.contentType("1099.xlsx", null, ZIP));
        assertEquals(Optional.of("application/msword"), UploadCheck.contentType("letter.doc", "application/msword", OLE2));
        assertEquals(Optional.of("text/csv"), UploadCheck.contentType("list.csv", "application/vnd.ms-excel",
                "Name,Amount\r\nAnn,12\r\nZoë,3\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFileIsWhatItsBytesSayNotWhatItsNameOrDeclaredTypeClaims() {
        assertTrue(UploadCheck.contentType("invoice.pdf", "application/pdf", EXE).isEmpty(), "a program named .pdf");
        assertTrue(UploadCheck.contentType("report.pdf", "application/pdf", ZIP).isEmpty(), "a zip named .pdf");
        assertTrue(UploadCheck.contentType("photo.png", "image/png", PDF).isEmpty(), "a PDF named .png");
        assertTrue(UploadCheck.contentType("tool.exe", "application/octet-stream", EXE).isEmpty());
        assertTrue(UploadCheck.contentType("page.html", "text/html", "<html>".getBytes()).isEmpty(), "text, not .csv");
        assertTrue(UploadCheck.contentType("W-2.pdf", "text/html", PDF).isEmpty(), "declared as another type");
        assertTrue(UploadCheck.contentType("data.csv", "text/csv", new byte[] {'a', 0, 'b'}).isEmpty(), "binary");
        assertTrue(UploadCheck.contentType("noextension", "application/pdf", PDF).isEmpty());
    }

    @Test
    void aMultiByteCharacterCutByTheSampleIsStillText() {
        byte[] text = "a,b\nCafé".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(text, text.length - 1); // half of the é
        assertEquals(Optional.of("text/csv"), UploadCheck.contentType("x.csv", "text/csv", cut));
    }

    @Test
    void namesKeepOnlyTheirLastSegmentWithoutQuotesOrControls() {
        assertEquals("W-2 2025.pdf", UploadCheck.cleanName("C:\\Users\\ann\\W-2 2025.pdf"));
        assertEquals("x.pdf", UploadCheck.cleanName("../../etc/x.pdf"));
        assertEquals("ab.pdf", UploadCheck.cleanName("a\"b\r\n.pdf"));
        assertEquals(200, UploadCheck.cleanName("n".repeat(300) + ".pdf").length());
        assertTrue(UploadCheck.cleanName("n".repeat(300) + ".pdf").endsWith(".pdf"));
    }
}
