package dev.freeway.loadtest.simulator;

import io.vertx.core.buffer.Buffer;

/** An error answer serialised once, so fixed errors cost no JSON writing per request. */
record ErrorBytes(int status, byte[] json) implements ErrorReply {

    static ErrorBytes of(int status, JsonBytes.Writer writer) {
        return new ErrorBytes(status, JsonBytes.json(writer));
    }

    @Override
    public Buffer body() {
        return Buffer.buffer(json);
    }
}
