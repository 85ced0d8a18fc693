package org.atrium.api.imports;

import org.atrium.api.client.AtriumException;

/** An upload was refused before a job was made, e.g. for its size; nothing was kept. */
public class ImportUploadException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final boolean tooLarge;

    public ImportUploadException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** The file exceeded the size limit (HTTP 413). */
    public boolean tooLarge() {
        return tooLarge;
    }
}
