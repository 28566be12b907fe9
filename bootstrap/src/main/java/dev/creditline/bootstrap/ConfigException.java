package dev.creditline.bootstrap;

/** A configuration value that is missing or invalid; the message names the variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
