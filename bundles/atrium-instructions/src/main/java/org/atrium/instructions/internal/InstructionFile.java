package org.atrium.instructions.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.atrium.api.instructions.Instruction;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The templates in one JSON file (data/atrium/instructions.json), replaced as a whole by an atomic rename,
 * so a crash never leaves half a change and the "exactly one default" rule holds on disk too.
 */
final class InstructionFile {

    /** A template as stored. */
    record Stored(String id, String name, String subject, String body, @JsonProperty("default") boolean isDefault) {
        static Stored of(Instruction instruction) {
            return new Stored(instruction.id(), instruction.name(), instruction.subject(), instruction.body(),
                    instruction.isDefault());
        }

        Instruction toValue() {
            return new Instruction(id, name, subject, body, isDefault);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    InstructionFile(Path file) {
        this.file = file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    List<Instruction> read() {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Stored>>() { }).stream().map(Stored::toValue)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client instructions from " + file, e);
        }
    }

    void write(List<Instruction> instructions) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), instructions.stream().map(Stored::of).toList());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client instructions to " + file, e);
        }
    }
}
