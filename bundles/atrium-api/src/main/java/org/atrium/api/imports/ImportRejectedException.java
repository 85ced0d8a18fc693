package org.atrium.api.imports;

import org.atrium.api.client.AtriumException;

/**
 * An import was not applied because rows break the client rules or collide with other clients or with
 * each other. Nothing was changed; {@link #check()} lists the problems.
 */
public class ImportRejectedException extends AtriumException {
    private static final long serialVersionUID = 1L;
    private final transient ImportCheck check;

    public ImportRejectedException(ImportCheck check) {
        super(check.problems().size() + (check.problemsCapped() ? "+" : "") + " problem(s) in the import; "
                + "nothing was changed.");
        this.check = check;
    }

    public ImportCheck check() {
        return check;
    }
}
