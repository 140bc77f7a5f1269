package io.lingxi.local;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} command-line options of the local tools; every option is required unless given a default. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    private Arguments() {
    }

    static Arguments parse(String... args) {
        Arguments arguments = new Arguments();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 3) {
                throw new ToolFailure("Options look like --name=value, not '" + arg + "'.");
            }
            arguments.values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return arguments;
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new ToolFailure("The option --" + name + "=... is missing.");
        }
        return value;
    }

    String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** A value from the environment, where secrets travel instead of the command line. */
    String env(String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            throw new ToolFailure("The environment variable " + variable + " is not set.");
        }
        return value;
    }

    int getInt(String name) {
        String value = get(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ToolFailure("The option --" + name + " must be a number, not '" + value + "'.");
        }
    }
}
