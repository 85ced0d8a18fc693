package org.atrium.api.imports;

import java.util.List;

import org.atrium.api.client.ClientRegister;

/**
 * What checking an import found: how many rows would create or update a client, and every problem up to
 * the cap given to {@link ClientRegister#checkImport}.
 *
 * @param problemsCapped {@code true} when there were more problems than listed
 * @param taxIdsCleared how many stored SSNs/EINs (taxpayers' and spouses') the file would erase: rows of
 *        existing clients whose tax ID cell is empty (a masked number from an export keeps the stored one)
 */
public record ImportCheck(long rows, long creates, long updates, List<ImportProblem> problems,
        boolean problemsCapped, long taxIdsCleared) {

    public ImportCheck {
        problems = List.copyOf(problems);
    }

    /** A check that clears no tax ID (the form before 1.2). */
    public ImportCheck(long rows, long creates, long updates, List<ImportProblem> problems, boolean problemsCapped) {
        this(rows, creates, updates, problems, problemsCapped, 0);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
