package dev.freeway.loadtest.scenarios;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's resident set on a thread of its own while a run loads it, so the generator's
 * event loop never blocks on /proc.
 */
final class RssSampler {
    private static final Duration EVERY = Duration.ofMillis(200);

    /** Kilobytes: the highest sample and the last one. */
    record Sample(long peakKb, long lastKb) {
        Sample followedBy(Sample later) {
            return new Sample(Math.max(peakKb, later.peakKb), later.lastKb);
        }

        /** Of two processes sampled side by side, the larger figures. */
        Sample largest(Sample other) {
            return new Sample(Math.max(peakKb, other.peakKb), Math.max(lastKb, other.lastKb));
        }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final ProcFs proc;
    private final long pid;
    private volatile long peakKb;
    private volatile long lastKb;

    private RssSampler(ProcFs proc, long pid) {
        this.proc = proc;
        this.pid = pid;
    }

    static RssSampler start(ProcFs proc, long pid) {
        RssSampler sampler = new RssSampler(proc, pid);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    Sample stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        sample();
        return new Sample(peakKb, lastKb);
    }

    private void sample() {
        lastKb = proc.rssKb(pid);
        peakKb = Math.max(peakKb, lastKb);
    }
}
