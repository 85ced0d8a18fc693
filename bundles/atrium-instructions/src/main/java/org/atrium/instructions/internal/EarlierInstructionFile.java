package org.atrium.instructions.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.atrium.api.instructions.Instruction;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The templates as earlier versions kept them, in one JSON file (data/atrium/instructions.json): read once at
 * the first start of this version, into the database, and then deleted.
 */
final class EarlierInstructionFile {

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

    EarlierInstructionFile(Path file) {
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

    /** For tests, and nothing else: a file as an earlier version wrote it. */
    void write(List<Instruction> instructions) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), instructions.stream().map(Stored::of).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
