import { randomBytes } from "node:crypto";
import { prisma, type Db } from "#app/utils/db.server.ts";

/**
 * Durable jobs: alert emails and escalation timers live in the Job table, not in memory, so that a
 * timer that comes due while every instance is down fires when one starts again, and several
 * instances never run the same job twice (a job is claimed with a lease; an instance that dies
 * mid-job loses its lease and another takes the job over). Delivery is at least once: a handler
 * must be safe to run again (the escalation handler checks the concern's state first).
 */

export const JOB_KINDS = ["email.send", "concern.escalate", "ask.remind"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

type Tx = Pick<Db, "job">;

export type ClaimedJob = { id: string; kind: JobKind; payload: unknown; attempts: number };
export type JobHandler = (payload: unknown, job: ClaimedJob) => Promise<void>;

const MAX_ATTEMPTS = 10;
const LEASE_MS = 2 * 60 * 1000;

/** Schedules a job; a job with the same `key` is scheduled once (a retry of the caller is harmless). */
export async function scheduleJob(
  tx: Tx,
  job: { kind: JobKind; payload: unknown; runAt?: Date; key?: string },
) {
  const data = { kind: job.kind, payload: JSON.stringify(job.payload ?? null), runAt: job.runAt ?? new Date() };
  if (!job.key) {
    await tx.job.create({ data, select: { id: true } });
    return;
  }
  await tx.job.upsert({ where: { key: job.key }, create: { ...data, key: job.key }, update: {}, select: { id: true } });
}

/** Cancels pending jobs of a kind whose key starts with `prefix` (a concern's escalations once a lead has it). */
export async function cancelJobs(tx: Tx, prefix: string, kind: JobKind) {
  await tx.job.updateMany({
    where: { status: "pending", kind, key: { startsWith: prefix } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
}

/** Claims up to `limit` due jobs for this instance. Two instances claiming at once never get the same job. */
export async function claimDueJobs(instanceId: string, limit = 10, now = new Date()): Promise<ClaimedJob[]> {
  const due = await prisma.job.findMany({
    where: { status: "pending", runAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { runAt: "asc" },
    take: limit,
    select: { id: true, kind: true, payload: true, attempts: true, lockedUntil: true },
  });
  const claimed: ClaimedJob[] = [];
  for (const job of due) {
    // The claim is one conditional UPDATE: only one instance's can match the lease it read.
    const won = await prisma.job.updateMany({
      where: { id: job.id, status: "pending", lockedUntil: job.lockedUntil },
      data: { lockedBy: instanceId, lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (won.count === 1) {
      claimed.push({ id: job.id, kind: job.kind as JobKind, payload: JSON.parse(job.payload) as unknown, attempts: job.attempts + 1 });
    }
  }
  return claimed;
}

async function finish(job: ClaimedJob, instanceId: string, error: unknown) {
  if (!error) {
    await prisma.job.updateMany({
      where: { id: job.id, lockedBy: instanceId },
      data: { status: "done", finishedAt: new Date(), lockedUntil: null, lastError: null },
    });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  // An error that says trying again cannot help (no SMTP server is set) gives up at once.
  const giveUp = job.attempts >= MAX_ATTEMPTS || (error as { permanent?: boolean }).permanent === true;
  // 5 s, 10 s, 20 s … at most 15 minutes between tries.
  const delay = Math.min(15 * 60_000, 5000 * 2 ** (job.attempts - 1));
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: instanceId },
    data: giveUp
      ? { status: "failed", finishedAt: new Date(), lockedUntil: null, lastError: message.slice(0, 1000) }
      : { runAt: new Date(Date.now() + delay), lockedUntil: null, lastError: message.slice(0, 1000) },
  });
}

/**
 * Claims and runs every due job once (in order of when they were due). Returns how many ran.
 * A handler that throws is retried later with a growing delay, and given up after 10 attempts.
 */
export async function runDueJobs(instanceId: string, handlers: Record<JobKind, JobHandler>, now?: Date) {
  let ran = 0;
  for (;;) {
    // A job may schedule another that is due at once (an escalation's emails): it runs in this call.
    const jobs = await claimDueJobs(instanceId, 10, now ?? new Date());
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      let error: unknown = null;
      try {
        await handlers[job.kind](job.payload, job);
      } catch (caught) {
        error = caught ?? new Error("job failed");
      }
      await finish(job, instanceId, error);
      ran++;
    }
  }
}

/** A random name for this process in the Job table's lockedBy. */
export function newInstanceId() {
  return `${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** Jobs that gave up, for the admins' and leads' screens: an alert that was never delivered must be seen. */
export async function listFailedJobs(kind?: JobKind) {
  return prisma.job.findMany({
    where: { status: "failed", ...(kind ? { kind } : {}) },
    orderBy: { finishedAt: "desc" },
    take: 50,
    select: { id: true, kind: true, lastError: true, attempts: true, finishedAt: true, createdAt: true },
  });
}

// ---------------------------------------------------------------------------------------------
// Waking the runner

// NOTE: on globalThis because the Express server (which runs the runner) and the Remix build (whose
// actions schedule jobs) load this module separately.
const holder = globalThis as unknown as { __voicesJobsKick?: () => void };

export function setJobsKick(kick: (() => void) | undefined) {
  holder.__voicesJobsKick = kick;
}

/** Tells this instance's runner that a job is due now (an alert should not wait for the next tick). */
export function kickJobs() {
  holder.__voicesJobsKick?.();
}
