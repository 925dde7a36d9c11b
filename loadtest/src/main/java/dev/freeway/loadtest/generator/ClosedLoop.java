package dev.freeway.loadtest.generator;

/** N clients, each sending its next request as soon as its previous one has ended. */
final class ClosedLoop {
    private final ChatCall call;
    private final RunWindow window;

    private ClosedLoop(ChatCall call, RunWindow window) {
        this.call = call;
        this.window = window;
    }

    static void start(ChatCall call, RunWindow window, int clients) {
        ClosedLoop loop = new ClosedLoop(call, window);
        for (int i = 0; i < clients; i++) {
            loop.next();
        }
    }

    private void next() {
        if (!window.sending()) {
            return;
        }
        long sent = System.nanoTime();
        window.sent();
        call.send(outcome -> {
            window.ended(sent, outcome);
            next();
        });
    }
}
