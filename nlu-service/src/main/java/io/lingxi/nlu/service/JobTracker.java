package io.lingxi.nlu.service;

import io.lingxi.nlu.store.JobStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps background jobs honest across replicas: every {@link #BEAT} this replica touches the jobs it is running,
 * and at start-up and every minute after, jobs RUNNING that nobody has touched for {@link #STALE} (their replica
 * stopped or was restarted mid-job) are marked FAILED "interrupted by a restart", so no client polls forever.
 */
@ApplicationScoped
public class JobTracker {

    static final Duration BEAT = Duration.ofSeconds(20);
    static final Duration STALE = Duration.ofMinutes(2);
    static final Duration DB = Duration.ofSeconds(30);
    /** Finished evaluation jobs (and their reports) are kept this long. */
    static final Duration KEEP_EVALUATIONS = Duration.ofDays(30);

    private final JobStore jobs;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nlu-job-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public JobTracker(JobStore jobs) {
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::beat, BEAT.toSeconds(), BEAT.toSeconds(), TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sweep, 0, 60, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** A job this replica has started. */
    public void running(String id) {
        running.add(id);
    }

    /** A job this replica has finished (whatever the outcome). */
    public void finished(String id) {
        running.remove(id);
    }

    /** Fails the jobs nobody has touched for {@link #STALE}; how many. */
    public int failInterrupted() {
        return jobs.failAbandoned(Instant.now().minus(STALE)).await().atMost(DB);
    }

    private void beat() {
        try {
            jobs.touch(List.copyOf(running)).await().atMost(DB);
        } catch (RuntimeException e) {
            Log.warnf("Could not mark running jobs as alive: %s", e.getMessage());
        }
    }

    private void sweep() {
        try {
            int failed = failInterrupted();
            if (failed > 0) {
                Log.warnf("%d job(s) interrupted by a restart marked FAILED", failed);
            }
            jobs.forget(EvaluationJobs.EVALUATION, Instant.now().minus(KEEP_EVALUATIONS)).await().atMost(DB);
        } catch (RuntimeException e) {
            Log.warnf("Could not check for interrupted jobs: %s", e.getMessage());
        }
    }
}
