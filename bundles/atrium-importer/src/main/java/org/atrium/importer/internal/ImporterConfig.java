package org.atrium.importer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/atrium.importer.cfg (PID atrium.importer). */
@ObjectClassDefinition(name = "Atrium client importer", description = "Limits of CSV imports")
public @interface ImporterConfig {

    @AttributeDefinition(name = "Largest file, in megabytes", min = "1",
            description = "Larger uploads are refused with 413 before a job is made.")
    int max_file_mb() default 50;

    @AttributeDefinition(name = "Problems listed", min = "1",
            description = "An import with more problems lists this many in its error CSV and says so.")
    int max_errors() default 10_000;

    @AttributeDefinition(name = "Jobs kept", min = "1",
            description = "Finished jobs beyond this many (oldest first) are deleted with their error CSVs.")
    int jobs_kept() default 500;
}
