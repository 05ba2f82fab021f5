import { jobHandlers } from "#app/models/job-handlers.server.ts";
import { newInstanceId, runDueJobs, setJobsKick } from "#app/models/jobs.server.ts";

/**
 * This instance's job runner: every `pollMs` (and at once when an action schedules something due
 * now) it claims and runs due jobs. Several instances may run one each; the Job table's leases
 * keep them from running the same job twice (app/models/jobs.server.ts).
 */
export function startJobRunner(options: { pollMs: number }) {
  const instanceId = newInstanceId();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runDueJobs(instanceId, jobHandlers)
      .then(() => undefined)
      .catch((error: unknown) => {
        // The database was unreachable for a moment: the next tick tries again.
        console.error("The job runner could not run due jobs:", error);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          setImmediate(tick);
        }
      });
  };

  const timer = setInterval(tick, options.pollMs);
  timer.unref();
  setJobsKick(tick);
  // Jobs that came due while no instance ran (a restart) go now.
  tick();

  return {
    instanceId,
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      setJobsKick(undefined);
      await running;
    },
  };
}
