package org.atrium.instructions.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.atrium.api.database.DatabaseSchema;
import org.atrium.api.firm.Firm;
import org.atrium.api.firm.FirmProfile;
import org.atrium.api.audit.AuditTrail;
import org.atrium.api.audit.FieldChange;
import org.atrium.api.client.AccessDeniedException;
import org.atrium.api.client.ClientConflictException;
import org.atrium.api.client.ClientValidationException;
import org.atrium.api.client.FieldError;
import org.atrium.api.client.UnknownItemException;
import org.atrium.api.instructions.ClientInstructions;
import org.atrium.api.instructions.Instruction;
import org.atrium.api.instructions.Placeholders;
import org.atrium.api.instructions.RenderedMail;
import org.atrium.api.security.Actor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client instructions, kept in Atrium's database ({@link InstructionTable}) so that every node has the
 * same. A new installation starts with one default template; one upgraded from a version that kept them in
 * data/atrium/instructions.json starts with those. Each change is written and then recorded in the audit
 * trail; if that fails, the change is undone.
 */
@Component(service = ClientInstructions.class, configurationPid = "atrium.instructions",
        reference = @Reference(name = "schema", service = DatabaseSchema.class,
                target = "(atrium.schema=instructions)"))
@Designate(ocd = InstructionsConfig.class)
public class DatabaseClientInstructions implements ClientInstructions {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClientInstructions.class);
    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 100_000;

    static final Instruction SHIPPED_DEFAULT = new Instruction(null, "Portal invitation",
            "{{firmName}}: your secure client portal", """
            <p>Dear {{clientName}},</p>
            <p>{{firmName}} invites you to our secure client portal, where you can send us your tax documents \
            and receive ours safely instead of by email.</p>
            <p><a href="{{registrationLink}}">Set up your portal access</a></p>
            <p>This personal link can be used once and expires on {{linkExpiresOn}}. If the link does not open, \
            copy this address into your browser:<br>{{registrationLink}}</p>
            <p>Questions? Your team at {{officeName}} is glad to help.</p>
            <p>Kind regards,<br>{{firmName}}</p>
            """, true);

    private final InstructionTable table;
    private final AuditTrail audit;
    private volatile InstructionsConfig config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Firm firm;

    @Activate
    public DatabaseClientInstructions(BundleContext context, InstructionsConfig config, @Reference AuditTrail audit,
            @Reference(target = "(osgi.jndi.service.name=atrium)") DataSource dataSource) {
        this(new InstructionTable(dataSource), new EarlierInstructionFile(dataFolder(context)
                .resolve("instructions.json")), config, audit);
    }

    DatabaseClientInstructions(InstructionTable table, EarlierInstructionFile earlier, InstructionsConfig config,
            AuditTrail audit) {
        this.table = table;
        this.config = config;
        this.audit = audit;
        List<Instruction> first = earlier.exists() ? earlier.read() : List.of(withId(SHIPPED_DEFAULT, newId(), true));
        if (table.fillIfEmpty(first)) {
            LOG.info("Client instructions: {} template(s) {}", first.size(), earlier.exists()
                    ? "moved from " + earlier + " into the database" : "to start with");
        }
        earlier.delete(); // in the database now (or there before, from another node)
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "atrium") : context.getDataFile("").toPath();
    }

    @Modified
    void reconfigure(InstructionsConfig changed) {
        config = changed;
    }

    @Override
    public List<Instruction> list() {
        return table.all().stream().sorted(Comparator.comparing((Instruction i) -> !i.isDefault())
                .thenComparing(Instruction::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    @Override
    public Optional<Instruction> find(String id) {
        return table.all().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    @Override
    public Instruction defaultInstruction() {
        return table.all().stream().filter(Instruction::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default client instruction"));
    }

    @Override
    public synchronized Instruction create(Instruction instruction, Actor by) {
        requireAdministrator(by);
        Instruction checked = check(instruction);
        Instruction created = withId(checked, newId(), false);
        table.add(created);
        audited(by, "INSTRUCTION_CREATED", created, diff(null, created), () -> table.deleteUnlessDefault(created.id()));
        return created;
    }

    @Override
    public synchronized Instruction update(String id, Instruction instruction, Actor by) {
        requireAdministrator(by);
        Instruction before = require(id);
        Instruction checked = check(instruction);
        Instruction updated = new Instruction(id, checked.name(), checked.subject(), checked.body(), before.isDefault());
        if (!table.update(updated)) {
            throw gone(id);
        }
        audited(by, "INSTRUCTION_UPDATED", updated, diff(before, updated), () -> table.update(before));
        return updated;
    }

    @Override
    public synchronized void delete(String id, Actor by) {
        requireAdministrator(by);
        Instruction doomed = require(id);
        if (doomed.isDefault() || !table.deleteUnlessDefault(id)) {
            // the default, or made the default a moment ago on another node, or deleted there
            require(id);
            throw new ClientConflictException(List.of(new FieldError("default", "The default template cannot be "
                    + "deleted: make another template the default first.")));
        }
        audited(by, "INSTRUCTION_DELETED", doomed, diff(doomed, null), () -> table.add(doomed));
    }

    @Override
    public synchronized Instruction makeDefault(String id, Actor by) {
        requireAdministrator(by);
        Instruction chosen = require(id);
        if (chosen.isDefault()) {
            return chosen;
        }
        Instruction previous = defaultInstruction();
        if (!table.makeDefault(id)) {
            throw gone(id);
        }
        audited(by, "INSTRUCTION_DEFAULT_CHANGED", chosen, List.of(new FieldChange("default", previous.name() + " ("
                + previous.id() + ")", chosen.name() + " (" + chosen.id() + ")")), () -> table.makeDefault(previous.id()));
        return withId(chosen, id, true);
    }

    /** The firm's name (etc/atrium.firm.cfg), else firm.name of etc/atrium.instructions.cfg as before it. */
    private String firmName() {
        Firm current = firm;
        return (current == null ? FirmProfile.UNSET : current.profile()).name().orElse(config.firm_name());
    }

    @Override
    public RenderedMail render(Instruction instruction, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent(Placeholders.FIRM_NAME, firmName());
        String html = TemplateText.fill(instruction.body(), all, TemplateText::escapeHtml);
        String text = HtmlToText.convert(html); // unescapes the values again
        String subject = TemplateText.fill(instruction.subject(), all, TemplateText::oneLine);
        return new RenderedMail(subject, text, html);
    }

    // --- plumbing

    private Instruction require(String id) {
        return find(id).orElseThrow(() -> gone(id));
    }

    private static UnknownItemException gone(String id) {
        return new UnknownItemException("No client instruction with ID '" + id + "'.");
    }

    private static void requireAdministrator(Actor by) {
        if (!by.administrator()) {
            throw new AccessDeniedException("Client instructions are for system administrators only.");
        }
    }

    /** Trimmed fields, or every broken rule at once. */
    static Instruction check(Instruction instruction) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(instruction.name());
        String subject = text(instruction.subject());
        String body = instruction.body() == null ? "" : instruction.body();
        require(errors, "name", "Name", name, MAX_NAME);
        require(errors, "subject", "Subject", subject, MAX_SUBJECT);
        require(errors, "body", "Body", body.strip(), MAX_BODY);
        errors.addAll(TemplateText.check("subject", subject));
        errors.addAll(TemplateText.check("body", body));
        if (!errors.isEmpty()) {
            throw new ClientValidationException(errors);
        }
        return new Instruction(instruction.id(), name, subject, body, instruction.isDefault());
    }

    private static void require(List<FieldError> errors, String field, String label, String value, int max) {
        if (value.isEmpty()) {
            errors.add(new FieldError(field, label + " is required."));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, label + " must be at most " + max + " characters."));
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** Records a change just written; if the audit trail refuses it, the change is undone. */
    private void audited(Actor by, String action, Instruction subject, List<FieldChange> changes, Runnable undo) {
        try {
            audit.record(by.name(), action, null, "instruction " + subject.name() + " (" + subject.id() + ")",
                    changes);
        } catch (RuntimeException e) {
            undo.run(); // unrecorded changes must not stay
            throw e;
        }
    }

    private static List<FieldChange> diff(Instruction before, Instruction after) {
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "name", before == null ? null : before.name(), after == null ? null : after.name());
        compare(changes, "subject", before == null ? null : before.subject(), after == null ? null : after.subject());
        compare(changes, "body", before == null ? null : before.body(), after == null ? null : after.body());
        return changes;
    }

    private static void compare(List<FieldChange> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(field, before, after));
        }
    }

    private static Instruction withId(Instruction instruction, String id, boolean isDefault) {
        return new Instruction(id, instruction.name(), instruction.subject(), instruction.body(), isDefault);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
