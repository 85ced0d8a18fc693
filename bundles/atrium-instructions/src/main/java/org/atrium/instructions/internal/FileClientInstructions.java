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

/**
 * The client instructions, kept in data/atrium/instructions.json. A new installation starts with one
 * default template. Changes are serialized; each is written to the file and then recorded in the audit
 * trail (if that fails, the file is put back).
 */
@Component(service = ClientInstructions.class, configurationPid = "atrium.instructions")
@Designate(ocd = InstructionsConfig.class)
public class FileClientInstructions implements ClientInstructions {

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

    private final InstructionFile file;
    private final AuditTrail audit;
    private volatile InstructionsConfig config;
    private List<Instruction> instructions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Firm firm;

    @Activate
    public FileClientInstructions(BundleContext context, InstructionsConfig config, @Reference AuditTrail audit) {
        this(new InstructionFile(dataFolder(context).resolve("instructions.json")), config, audit);
    }

    FileClientInstructions(InstructionFile file, InstructionsConfig config, AuditTrail audit) {
        this.file = file;
        this.config = config;
        this.audit = audit;
        if (file.exists()) {
            instructions = file.read();
        } else {
            instructions = List.of(withId(SHIPPED_DEFAULT, newId(), true));
            file.write(instructions);
        }
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
    public synchronized List<Instruction> list() {
        return instructions.stream().sorted(Comparator.comparing((Instruction i) -> !i.isDefault())
                .thenComparing(Instruction::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    @Override
    public synchronized Optional<Instruction> find(String id) {
        return instructions.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Instruction defaultInstruction() {
        return instructions.stream().filter(Instruction::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default client instruction"));
    }

    @Override
    public synchronized Instruction create(Instruction instruction, Actor by) {
        requireAdministrator(by);
        Instruction checked = check(instruction);
        Instruction created = withId(checked, newId(), false);
        List<Instruction> changed = new ArrayList<>(instructions);
        changed.add(created);
        save(changed, by, "INSTRUCTION_CREATED", created, diff(null, created));
        return created;
    }

    @Override
    public synchronized Instruction update(String id, Instruction instruction, Actor by) {
        requireAdministrator(by);
        Instruction before = require(id);
        Instruction checked = check(instruction);
        Instruction updated = new Instruction(id, checked.name(), checked.subject(), checked.body(), before.isDefault());
        List<Instruction> changed = new ArrayList<>(instructions);
        changed.set(changed.indexOf(before), updated);
        save(changed, by, "INSTRUCTION_UPDATED", updated, diff(before, updated));
        return updated;
    }

    @Override
    public synchronized void delete(String id, Actor by) {
        requireAdministrator(by);
        Instruction doomed = require(id);
        if (doomed.isDefault()) {
            throw new ClientConflictException(List.of(new FieldError("default", "The default template cannot be "
                    + "deleted: make another template the default first.")));
        }
        List<Instruction> changed = new ArrayList<>(instructions);
        changed.remove(doomed);
        save(changed, by, "INSTRUCTION_DELETED", doomed, diff(doomed, null));
    }

    @Override
    public synchronized Instruction makeDefault(String id, Actor by) {
        requireAdministrator(by);
        Instruction chosen = require(id);
        if (chosen.isDefault()) {
            return chosen;
        }
        Instruction previous = defaultInstruction();
        List<Instruction> changed = instructions.stream().map(i -> withId(i, i.id(), i.id().equals(id))).toList();
        save(changed, by, "INSTRUCTION_DEFAULT_CHANGED", chosen,
                List.of(new FieldChange("default", previous.name() + " (" + previous.id() + ")",
                        chosen.name() + " (" + chosen.id() + ")")));
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
        return find(id).orElseThrow(() -> new UnknownItemException("No client instruction with ID '" + id + "'."));
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

    private void save(List<Instruction> changed, Actor by, String action, Instruction subject,
            List<FieldChange> changes) {
        List<Instruction> previous = instructions;
        file.write(changed);
        try {
            audit.record(by.name(), action, null, "instruction " + subject.name() + " (" + subject.id() + ")",
                    changes);
        } catch (RuntimeException e) {
            file.write(previous); // unrecorded changes must not stay
            throw e;
        }
        instructions = List.copyOf(changed);
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
