package org.atrium.portal.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The content-type allow-list of drop-offs: PDF, images, Office documents and CSV. A file is accepted when
 * its first bytes are those of an allowed kind and its name ends the way that kind's names do; the type
 * the browser declared must be that kind's or a generic one. What is stored is the kind's own type, never
 * the declared one.
 */
final class UploadCheck {

    /** An allowed kind: its content type and the file name endings it goes by. */
    record Kind(String contentType, Set<String> extensions) {
    }

    static final Kind PDF = new Kind("application/pdf", Set.of("pdf"));
    static final Kind JPEG = new Kind("image/jpeg", Set.of("jpg", "jpeg"));
    static final Kind PNG = new Kind("image/png", Set.of("png"));
    static final Kind GIF = new Kind("image/gif", Set.of("gif"));
    static final Kind TIFF = new Kind("image/tiff", Set.of("tif", "tiff"));
    static final Kind HEIC = new Kind("image/heic", Set.of("heic", "heif"));
    static final Kind WEBP = new Kind("image/webp", Set.of("webp"));
    /** Word, Excel and PowerPoint since 2007: zip containers. */
    static final Kind OOXML = new Kind("application/vnd.openxmlformats-officedocument", Set.of("docx", "xlsx", "pptx"));
    /** Word, Excel and PowerPoint 97-2003: OLE2 containers. */
    static final Kind OLE2 = new Kind("application/x-ole-storage", Set.of("doc", "xls", "ppt"));
    static final Kind CSV = new Kind("text/csv", Set.of("csv"));

    private static final Map<String, String> OFFICE_TYPES = Map.of(
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "doc", "application/msword",
            "xls", "application/vnd.ms-excel",
            "ppt", "application/vnd.ms-powerpoint");

    /** Declared types that say nothing (browsers send them for files they do not know). */
    private static final Set<String> GENERIC = Set.of("", "application/octet-stream", "binary/octet-stream");

    static final String ALLOWED = "PDF, images (JPEG, PNG, GIF, TIFF, HEIC, WebP), Word, Excel and PowerPoint "
            + "documents, and CSV";

    private UploadCheck() {
    }

    /**
     * The content type to store the file with, or empty if it is not allowed.
     *
     * @param head the file's first bytes (8 KB or all of a smaller file)
     */
    static Optional<String> contentType(String fileName, String declaredType, byte[] head) {
        String extension = extension(fileName);
        Optional<Kind> kind = sniff(head);
        if (kind.isEmpty() || !kind.get().extensions().contains(extension)) {
            return Optional.empty();
        }
        String stored = OFFICE_TYPES.getOrDefault(extension, kind.get().contentType());
        String declared = declaredType == null ? "" : declaredType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean declaredFits = GENERIC.contains(declared) || declared.equals(stored)
                || (kind.get() == CSV && Set.of("text/plain", "application/vnd.ms-excel", "text/comma-separated-values")
                        .contains(declared))
                || (kind.get() == JPEG && declared.equals("image/pjpeg"));
        return declaredFits ? Optional.of(stored) : Optional.empty();
    }

    static Optional<Kind> sniff(byte[] head) {
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return Optional.of(PNG);
        }
        if (startsWith(head, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(head, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, new byte[] {'I', 'I', 42, 0}) || startsWith(head, new byte[] {'M', 'M', 0, 42})) {
            return Optional.of(TIFF);
        }
        if (head.length >= 12 && new String(head, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")
                && Set.of("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1")
                        .contains(new String(head, 8, 4, StandardCharsets.US_ASCII))) {
            return Optional.of(HEIC);
        }
        if (head.length >= 12 && new String(head, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            return Optional.of(OOXML);
        }
        if (startsWith(head, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1})) {
            return Optional.of(OLE2);
        }
        return isText(head) ? Optional.of(CSV) : Optional.empty();
    }

    /** Text: UTF-8 (the end may cut a character) without control characters other than tab and line ends. */
    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                return false;
            }
        }
        int end = head.length;
        while (end > 0 && end > head.length - 3 && (head[end - 1] & 0xC0) == 0x80) {
            end--; // a multi-byte character the 8 KB cut in two
        }
        if (end > 0 && (head[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    static String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The name to keep: the last path segment, without control characters or quotes, at most 200 characters
     * (keeping the extension); never used as a path on disk.
     */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.length() > 200) {
            String extension = extension(name);
            name = name.substring(0, 199 - extension.length()) + "." + extension;
        }
        return name;
    }
}
