package org.atrium.api.imports;

import java.util.List;

import org.atrium.api.client.ClientRegister;

/**
 * What checking an import found: how many rows would create or update a client, and every problem up to
 * the cap given to {@link ClientRegister#checkImport}.
 *
 * @param problemsCapped {@code true} when there were more problems than listed
 */
public record ImportCheck(long rows, long creates, long updates, List<ImportProblem> problems,
        boolean problemsCapped) {

    public ImportCheck {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
