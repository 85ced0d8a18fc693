package org.atrium.instructions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.atrium.api.audit.AuditEntry;
import org.atrium.api.audit.AuditQuery;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.Page;
import org.atrium.api.instructions.Instruction;
import org.atrium.api.instructions.RenderedMail;
import org.atrium.api.security.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test has one database; every {@link #instructions()} is another node, or the same after a restart. */
class DatabaseClientInstructionsTest {

    static final Actor ADMIN = Actor.administrator("admin");

    @TempDir
    Path data;

    /** Records what would go to the audit trail. */
    static class RecordingAuditTrail implements AuditTrail {
        final List<String> actions = new ArrayList<>();

        @Override
        public void record(String user, String action, String clientId, String subject, List<FieldChange> changes) {
            actions.add(user + " " + action);
        }

        @Override
        public Page<AuditEntry> search(AuditQuery query) {
            throw new UnsupportedOperationException();
        }
    }

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final DataSource database = InstructionsDatabase.create();

    private DatabaseClientInstructions instructions() {
        return instructions(audit);
    }

    private DatabaseClientInstructions instructions(AuditTrail trail) {
        InstructionsConfig config = (InstructionsConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InstructionsConfig.class}, (proxy, method, args) -> "Smith & Co");
        return new DatabaseClientInstructions(new InstructionTable(database), earlierFile(), config, trail);
    }

    private EarlierInstructionFile earlierFile() {
        return new EarlierInstructionFile(data.resolve("instructions.json"));
    }

    private static Instruction template(String name) {
        return new Instruction(null, name, "Hello {{clientName}}", "<p>Dear {{clientName}}</p>", false);
    }

    @Test
    void aNewInstallationHasOneValidDefaultTemplate() {
        Instruction shipped = instructions().defaultInstruction();

        assertTrue(shipped.isDefault());
        assertEquals(List.of(), TemplateText.check("body", shipped.body()));
        assertEquals(List.of(), TemplateText.check("subject", shipped.subject()));
    }

    @Test
    void exactlyOneTemplateIsTheDefaultAndItCannotBeDeleted() {
        DatabaseClientInstructions instructions = instructions();
        Instruction shipped = instructions.defaultInstruction();
        Instruction mine = instructions.create(template("Mine"), ADMIN);

        instructions.makeDefault(mine.id(), ADMIN);

        assertEquals(mine.id(), instructions.defaultInstruction().id());
        assertEquals(1, instructions.list().stream().filter(Instruction::isDefault).count());
        assertThrows(ClientConflictException.class, () -> instructions.delete(mine.id(), ADMIN));
        instructions.delete(shipped.id(), ADMIN);
        assertEquals(1, instructions.list().size());
        assertEquals(List.of("admin INSTRUCTION_CREATED", "admin INSTRUCTION_DEFAULT_CHANGED",
                "admin INSTRUCTION_DELETED"), audit.actions);
    }

    @Test
    void changesSurviveARestart() {
        Instruction mine = instructions().create(template("Mine"), ADMIN);

        assertEquals("Mine", instructions().find(mine.id()).orElseThrow().name());
    }

    @Test
    void everyNodeSeesAChangeMadeOnAnotherAtOnce() {
        DatabaseClientInstructions one = instructions();
        DatabaseClientInstructions other = instructions();
        assertEquals(1, other.list().size(), "the second node to start adds no second default");

        Instruction mine = one.create(template("Mine"), ADMIN);
        other.update(mine.id(), template("Ours"), ADMIN);
        one.makeDefault(mine.id(), ADMIN);

        assertEquals("Ours", other.defaultInstruction().name());
        assertEquals("Ours", one.find(mine.id()).orElseThrow().name());
        assertEquals(1, other.list().stream().filter(Instruction::isDefault).count());
    }

    @Test
    void theTemplatesOfTheEarlierFileMoveIntoTheDatabaseOnce() {
        Instruction kept = new Instruction("earlier-1", "Ours", "Hi {{clientName}}", "<p>{{registrationLink}}</p>",
                true);
        earlierFile().write(List.of(kept, new Instruction("earlier-2", "Other", "Hi", "<p>Hello</p>", false)));

        DatabaseClientInstructions moved = instructions();

        assertEquals(kept, moved.defaultInstruction());
        assertEquals(2, moved.list().size());
        assertFalse(earlierFile().exists(), "the file goes once its templates are in the database");
        assertEquals(2, instructions().list().size());
    }

    @Test
    void aChangeTheAuditTrailRefusesIsUndone() {
        DatabaseClientInstructions instructions = instructions();
        Instruction shipped = instructions.defaultInstruction();
        Instruction mine = instructions.create(template("Mine"), ADMIN);
        AuditTrail down = new RecordingAuditTrail() {
            @Override
            public void record(String user, String action, String clientId, String subject, List<FieldChange> c) {
                throw new IllegalStateException("the audit trail is away");
            }
        };
        DatabaseClientInstructions unrecorded = instructions(down);

        assertThrows(IllegalStateException.class, () -> unrecorded.create(template("Lost"), ADMIN));
        assertThrows(IllegalStateException.class, () -> unrecorded.makeDefault(mine.id(), ADMIN));
        assertThrows(IllegalStateException.class, () -> unrecorded.update(mine.id(), template("Lost"), ADMIN));
        assertThrows(IllegalStateException.class, () -> unrecorded.delete(mine.id(), ADMIN));

        assertEquals(List.of(shipped.name(), "Mine"), instructions.list().stream().map(Instruction::name).toList());
        assertEquals(shipped.id(), instructions.defaultInstruction().id());
    }

    @Test
    void anUnknownPlaceholderIsRefusedAndNothingChanges() {
        DatabaseClientInstructions instructions = instructions();
        ClientValidationException refused = assertThrows(ClientValidationException.class, () -> instructions.create(
                new Instruction(null, "Bad", "Hi", "<p>{{clientname}}</p>", false), ADMIN));

        assertTrue(refused.errors().get(0).message().contains("{{clientname}}"));
        assertEquals(1, instructions.list().size());
        assertEquals(List.of(), audit.actions);
    }

    @Test
    void onlyAdministratorsChangeTemplates() {
        DatabaseClientInstructions instructions = instructions();
        assertThrows(AccessDeniedException.class, () -> instructions.create(template("Mine"),
                Actor.staff("carol", java.util.Set.of(1))));
    }

    @Test
    void renderingEscapesValuesInHtmlOnlyAndFillsInTheFirm() {
        DatabaseClientInstructions instructions = instructions();
        RenderedMail mail = instructions.render(new Instruction("x", "T", "{{firmName}} for {{clientName}}",
                "<p>Dear {{clientName}},<br>{{firmName}}</p>", true), Map.of("clientName", "Ann <Annie> O'Hara"));

        assertEquals("Smith & Co for Ann <Annie> O'Hara", mail.subject());
        assertEquals("<p>Dear Ann &lt;Annie&gt; O&#39;Hara,<br>Smith &amp; Co</p>", mail.html());
        assertEquals("Dear Ann <Annie> O'Hara,\nSmith & Co\n", mail.text());
    }
}
