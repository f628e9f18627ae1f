package dev.sluice.formats.registry;

import java.net.URI;
import java.util.Objects;

/**
 * Where the Confluent-compatible schema registry is and how to talk to it.
 *
 * @param url      base URL, {@code http://host:8081} or {@code https://...} (TLS through the JVM's trust store)
 * @param user     basic-auth user; null for none
 * @param password basic-auth password; null for none
 * @param failure  what a registry error does
 */
public record RegistrySettings(URI url, String user, String password, RegistryFailure failure) {

    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(failure, "failure");
    }

    /** Like the record's own, but the password is never printed. */
    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + ", failure=" + failure + "]";
    }
}
