package org.atrium.api.export;

/** The file formats of an export. */
public enum ExportFormat {
    /** An Excel workbook: typed cells (text, dates, numbers), bold frozen header with an auto-filter. */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    /** UTF-8 with a byte order mark, CRLF, the import template's value formats (mm/dd/yyyy, Yes/No). */
    CSV("csv", "text/csv");

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }
}
