package dev.fbx.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a Dockerfile's stages that a deployment must agree with: USER, ENV, VOLUME and
 * WORKDIR (as much of the Dockerfile syntax as src/main/docker/ uses: comments, continued lines,
 * {@code ENV k=v k2=v2}, JSON or plain VOLUME, {@code FROM … AS name}).
 */
record Dockerfile(List<Stage> stages) {
    static final Path DIR = Path.of("src", "main", "docker");

    /** One FROM and what follows it, up to the next FROM. */
    record Stage(
            String from,
            Optional<String> name,
            Optional<String> user,
            Map<String, String> env,
            List<String> volumes,
            Optional<String> workdir) {
        /** The user id, before any ':group'. */
        String uid() {
            return user.orElse("0").split(":")[0];
        }

        /** The group id after ':' (none given: the user's primary group, which these images make equal to the id). */
        String gid() {
            String[] parts = user.orElse("0").split(":");
            return parts.length > 1 ? parts[1] : parts[0];
        }
    }

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S*)");

    static Dockerfile read(String name) {
        try {
            return parse(Files.readString(DIR.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().strip());
            current.setLength(0);
        }
        List<Stage> stages = new ArrayList<>();
        Builder stage = null;
        for (String instruction : instructions) {
            if (instruction.isEmpty()) {
                continue;
            }
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String rest = parts.length > 1 ? parts[1] : "";
            if (keyword.equals("FROM")) {
                if (stage != null) {
                    stages.add(stage.build());
                }
                String[] from = rest.split("\\s+");
                stage = new Builder(from[0], from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null);
                continue;
            }
            if (stage == null) {
                continue;
            }
            switch (keyword) {
                case "USER" -> stage.user = rest;
                case "WORKDIR" -> stage.workdir = rest;
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(rest);
                    while (pair.find()) {
                        stage.env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                    }
                }
                case "VOLUME" -> stage.volumes.addAll(words(rest));
                default -> {}
            }
        }
        if (stage != null) {
            stages.add(stage.build());
        }
        return new Dockerfile(stages);
    }

    private static List<String> words(String arguments) {
        if (arguments.startsWith("[")) {
            try {
                List<String> words = new ArrayList<>();
                for (JsonNode word : new ObjectMapper().readTree(arguments)) {
                    words.add(word.asText());
                }
                return words;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of(arguments.split("\\s+"));
    }

    /** The stage a plain build gives: the last. */
    Stage image() {
        return stages.get(stages.size() - 1);
    }

    Stage stage(String name) {
        return stages.stream()
                .filter(s -> s.name().equals(Optional.of(name)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name));
    }

    private static final class Builder {
        final String from;
        final String name;
        String user;
        String workdir;
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> volumes = new ArrayList<>();

        Builder(String from, String name) {
            this.from = from;
            this.name = name;
        }

        Stage build() {
            return new Stage(
                    from,
                    Optional.ofNullable(name),
                    Optional.ofNullable(user),
                    env,
                    volumes,
                    Optional.ofNullable(workdir));
        }
    }
}
