package io.netobs.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile as a list of instructions (continuations joined, comments dropped) with its ARG defaults applied. */
record Dockerfiles(Path file, List<Instruction> instructions, Map<String, String> args) {

    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    static Dockerfiles parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        Map<String, String> args = new HashMap<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            Instruction ins = new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip());
            instructions.add(ins);
            if (ins.keyword().equals("ARG") && ins.arguments().contains("=")) {
                String[] kv = ins.arguments().split("=", 2);
                args.put(kv[0].strip(), kv[1].strip());
            }
        }
        return new Dockerfiles(file, List.copyOf(instructions), Map.copyOf(args));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The arguments of the last {@code keyword} instruction, or null. */
    String last(String keyword) {
        List<String> found = all(keyword);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    /** Replaces ${NAME} / $NAME by the ARG default; unknown names stay as they are. */
    String expand(String text) {
        Matcher m = ARG_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(name, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
