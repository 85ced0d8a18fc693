package org.atrium.api.export;

import org.atrium.api.client.AtriumException;

/** An export cannot be made as asked, e.g. an unknown column; nothing was written (HTTP 400). */
public class ExportRequestException extends AtriumException {
    private static final long serialVersionUID = 1L;

    public ExportRequestException(String message) {
        super(message);
    }
}
