package dev.fbx.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An option that takes one of a few words: checked while parsing (a usage error) and offered to shell completion. */
class Choices implements ITypeConverter<String>, Iterable<String> {
    private final List<String> words;

    Choices(List<String> words) {
        this.words = List.copyOf(words);
    }

    @Override
    public String convert(String value) {
        if (!words.contains(value)) {
            throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", words));
        }
        return value;
    }

    @Override
    public Iterator<String> iterator() {
        return words.iterator();
    }
}
