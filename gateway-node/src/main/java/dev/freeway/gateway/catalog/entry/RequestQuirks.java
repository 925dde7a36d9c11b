package dev.freeway.gateway.catalog.entry;

import java.util.List;
import java.util.Map;

/**
 * How an OpenAI-compatible platform's request differs from OpenAI's: parameters it rejects are
 * dropped or renamed instead of forwarded to fail.
 *
 * @param dropParams top-level body fields removed before sending
 * @param renameParams top-level body fields sent under another name ({@code seed: random_seed})
 * @param defaultMaxTokens sent when the client set no limit (platforms whose own default truncates,
 *     or that pre-charge the model's maximum); 0 = none
 * @param prechargesTokens the platform counts prompt + max tokens against its token limit up front
 * @param toolChoiceRequired the platform's word for {@code tool_choice: "required"} (Mistral: {@code any})
 * @param singleToolCall send {@code parallel_tool_calls: false} whenever tools are present
 * @param systemAsUser fold system messages into the first user turn (models without system prompts)
 */
public record RequestQuirks(
        List<String> dropParams,
        Map<String, String> renameParams,
        Integer defaultMaxTokens,
        Boolean prechargesTokens,
        String toolChoiceRequired,
        Boolean singleToolCall,
        Boolean systemAsUser) {

    public RequestQuirks {
        dropParams = dropParams == null ? List.of() : List.copyOf(dropParams);
        renameParams = renameParams == null ? Map.of() : Map.copyOf(renameParams);
        defaultMaxTokens = defaultMaxTokens == null ? 0 : defaultMaxTokens;
        prechargesTokens = prechargesTokens != null && prechargesTokens;
        singleToolCall = singleToolCall != null && singleToolCall;
        systemAsUser = systemAsUser != null && systemAsUser;
    }

    public static RequestQuirks none() {
        return new RequestQuirks(null, null, null, null, null, null, null);
    }
}
