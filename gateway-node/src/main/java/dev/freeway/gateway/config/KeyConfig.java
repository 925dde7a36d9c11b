package dev.freeway.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One provider key: a plain string in the YAML, or an object when the platform needs more than
 * the key to place it.
 *
 * @param account the account the key belongs to, where the URL names it (Cloudflare's account id)
 * @param project the project whose quota the key draws on, where several keys share one (Gemini:
 *     keys of one Google Cloud project); null = the key is its own project
 */
public record KeyConfig(String value, String account, String project) {

    @JsonCreator
    public KeyConfig(
            @JsonProperty("value") String value,
            @JsonProperty("account") String account,
            @JsonProperty("project") String project) {
        this.value = value;
        this.account = account;
        this.project = project;
    }

    @JsonCreator
    public static KeyConfig of(String value) {
        return new KeyConfig(value, null, null);
    }

    public boolean present() {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "KeyConfig[account=" + account + ", project=" + project + "]";
    }
}
