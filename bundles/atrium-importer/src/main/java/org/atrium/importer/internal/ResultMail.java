package org.atrium.importer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atrium.api.imports.ImportJob;
import org.atrium.api.imports.ImportState;
import org.atrium.api.mail.MailAttachment;
import org.atrium.api.mail.MailMessage;
import org.atrium.api.mail.Mailer;
import org.atrium.api.security.UserGrant;
import org.atrium.api.security.UserGrants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The email to the user who submitted an import, when it ends: the counts, or the error CSV. */
final class ResultMail {

    static final String SUCCEEDED_SUBJECT = "Client Import Completed Successfully";
    static final String FAILED_SUBJECT = "Client Import Failed";

    private static final Logger LOG = LoggerFactory.getLogger(ResultMail.class);

    /** Sends if it can; a missing mailer or address is logged, as the outcome stays available over REST. */
    void send(Mailer mailer, UserGrants grants, ImportJob job, Path errorCsv) {
        if (mailer == null) {
            LOG.info("Import job {}: the mailer is not installed; the outcome is not emailed", job.id());
            return;
        }
        Optional<String> to = Optional.ofNullable(grants).flatMap(g -> g.find(job.submittedBy()))
                .map(UserGrant::email).filter(email -> !email.isBlank());
        if (to.isEmpty()) {
            LOG.info("Import job {}: user {} has no email address; the outcome is not emailed", job.id(),
                    job.submittedBy());
            return;
        }
        try {
            mailer.send(message(to.get(), job, errorCsv));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Import job {}: the outcome email could not be queued: {}", job.id(), e.toString());
        }
    }

    static MailMessage message(String to, ImportJob job, Path errorCsv) throws IOException {
        Map<String, String> tags = Map.of("purpose", "import", "importId", job.id());
        if (job.state() == ImportState.SUCCEEDED) {
            String text = "Your client import has completed successfully.\n\n"
                    + "Rows imported: " + job.rowsTotal() + "\n"
                    + "New clients created: " + job.created() + "\n"
                    + "Existing clients updated: " + job.updated() + "\n\n"
                    + "Import job: " + job.id() + " (submitted " + job.submittedAt() + ")\n\n"
                    + "If this import was a mistake, it can be undone (POST /api/v1/imports/" + job.id()
                    + "/revert) as long as none of these clients has changed since.\n";
            return new MailMessage(List.of(to), SUCCEEDED_SUBJECT, text, null, List.of(), tags);
        }
        String text = "Your client import has failed, and nothing was changed in the client register.\n\n"
                + "Reason: " + job.reason() + "\n\n"
                + (job.errorCount() > 0 ? "The attached file lists the problems, one per line: the row number in "
                        + "your file, the Client ID, the column and what is wrong. Correct them and upload the file "
                        + "again.\n\n" : "")
                + "Import job: " + job.id() + " (submitted " + job.submittedAt() + ", " + job.rowsTotal()
                + " rows)\n";
        List<MailAttachment> attachments = Files.exists(errorCsv)
                ? List.of(new MailAttachment("atrium-import-errors-" + job.id() + ".csv", "text/csv; charset=UTF-8",
                        Files.readAllBytes(errorCsv)))
                : List.of();
        return new MailMessage(List.of(to), FAILED_SUBJECT, text, null, attachments, tags);
    }
}
