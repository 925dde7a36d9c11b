package dev.freeway.loadtest.simulator;

import io.vertx.core.buffer.Buffer;

/** An error answer in some provider's shape: the status and the JSON body to send with it. */
interface ErrorReply {
    int status();

    Buffer body();
}
