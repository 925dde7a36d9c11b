package dev.freeway.gateway.secrets.local;

/**
 * How an operator names one of a provider's keys without typing it: its index (1 to 3 digits) or
 * its last four characters, with or without the {@code …} that {@code keys list} prints. Exactly
 * four characters always mean the last four, so a key ending in {@code 0042} is named "0042".
 */
record KeyRef(int index, String last4) {

    static KeyRef parse(String text) {
        String ref = text == null ? "" : text.strip();
        if (ref.startsWith("…")) {
            ref = ref.substring(1);
        } else if (ref.startsWith("...")) {
            ref = ref.substring(3);
        }
        if (ref.matches("[0-9]{1,3}")) {
            return new KeyRef(Integer.parseInt(ref), null);
        }
        if (ref.length() == 4) {
            return new KeyRef(-1, ref);
        }
        throw new KeyChangeRefused(
                KeyChangeRefused.Reason.INVALID,
                "name the key by its index (0, 1, ...) or its last 4 characters, as `keys list` shows them");
    }

    boolean byIndex() {
        return last4 == null;
    }

    @Override
    public String toString() {
        return byIndex() ? "#" + index : "…" + last4;
    }
}
