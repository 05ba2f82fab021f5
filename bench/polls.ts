/**
 * Poll voting under load, on the production build with embedded SQLite (issue 3's benchmark):
 *   npm run build && npx tsx bench/polls.ts            (VOTE_SECONDS, CONNECTIONS, SOCKETS override)
 * 1. Seeds 20,000 young people in 10 groups and 50 open polls, each young person with a session.
 * 2. 200 concurrent connections post votes as the voting page's JavaScript does, to the vote endpoint
 *    (POST /api/polls/:id/vote, decision 016; VOTE_VIA=form posts to the page's form action instead,
 *    as a phone without JavaScript does): each request is a first vote or a changed vote by a
 *    distinct young person. Reports votes accepted per second
 *    and latency, then checks that stored answers and changes equal the accepted requests and that
 *    every running tally equals a full recount.
 *    Then the issue's rate, 1,500 votes/s, offered by the same 200 connections: the latency a
 *    voter sees at that load (a closed loop at saturation measures its own queue instead: with
 *    200 connections, mean latency = 200 / votes per second).
 * 3. The same load against a bare Node `http` server answering 200, for a ratio that holds across
 *    machines.
 * 4. 2,000 sockets watch one poll while it is voted on: from each vote's response to the tally
 *    reaching every socket (p50/p95/p99), and the share of sockets that end on the final tally.
 * Load generator and server share this machine's cores; nothing here asserts a time.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { Agent, createServer, request as httpRequest } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createCookie } from "@remix-run/node";
import { io as connect, type Socket } from "socket.io-client";

const GROUPS = 10;
const PEOPLE = Number(process.env.PEOPLE ?? 20_000);
const POLLS = 50;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const VOTE_SECONDS = Number(process.env.VOTE_SECONDS ?? 10);
const VOTES = Number(process.env.VOTES ?? 15_000);
/** Votes sent first and not measured, so that the figures are of a warm server (JIT, caches). */
const WARMUP = Number(process.env.WARMUP ?? 2_000);
/** The rate the issue asks for, offered by the same connections after the closed loop (0: skip). */
const RATE = Number(process.env.RATE ?? 1500);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 10);
const SOCKETS = Number(process.env.SOCKETS ?? 2000);
const VIA = process.env.VOTE_VIA === "form" ? "form" : "api";
const votePath = (pollId: string) => (VIA === "api" ? `/api/polls/${pollId}/vote` : `/me/polls/${pollId}`);
/** What each path answers for a counted vote: the endpoint 200 {counted}, the form a redirect. */
const COUNTED = VIA === "api" ? 200 : 302;
const SECRET = "bench-secret-bench-secret-bench-secret-123";

const dir = mkdtempSync(path.join(os.tmpdir(), "voices-bench-polls-"));
const databaseUrl = `file:${path.join(dir, "bench.db")}`;
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET = SECRET;

const { migrate } = await import("#server/migrate.ts");
await migrate(databaseUrl);
const { prisma, disconnectDb } = await import("#app/utils/db.server.ts");
const { createPoll, setPollStatus } = await import("#app/models/polls.server.ts");
const { getOrganisation } = await import("#app/models/organisation.server.ts");
const { hashPassword } = await import("#app/models/accounts.server.ts");

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

// ---------------------------------------------------------------------------------------------
console.log(`Seeding ${PEOPLE} young people in ${GROUPS} groups and ${POLLS} open polls…`);
const seedStart = performance.now();
await getOrganisation();
const groups: { id: string }[] = [];
for (let g = 0; g < GROUPS; g++) groups.push(await prisma.group.create({ data: { name: `Bench group ${g}` }, select: { id: true } }));
const officer = await prisma.user.create({
  data: {
    kind: "staff",
    displayName: "Bench officer",
    loginKey: "bench-officer",
    roles: { create: [{ role: "officer" }] },
    officerOf: { create: groups.map((g) => ({ groupId: g.id })) },
  },
  select: { id: true },
});
const hash = await hashPassword("bench password");
const cookieJar = createCookie("voices_session", { secrets: [SECRET], path: "/", httpOnly: true, sameSite: "lax" });
const people: { id: string; cookie: string }[] = [];
const expires = new Date(Date.now() + 86_400_000);
for (let start = 0; start < PEOPLE; start += 1000) {
  const batch = Array.from({ length: Math.min(1000, PEOPLE - start) }, (_, j) => start + j);
  await prisma.user.createMany({ data: batch.map((i) => ({ id: `yp${i}`, kind: "young_person", displayName: `yp${i}`, loginKey: `yp${i}`, ageBand: "13-15" })) });
  await prisma.password.createMany({ data: batch.map((i) => ({ userId: `yp${i}`, hash })) });
  await prisma.membership.createMany({ data: batch.map((i) => ({ userId: `yp${i}`, groupId: groups[i % GROUPS]!.id })) });
  const tokens = batch.map((i) => `bench-session-token-${String(i).padStart(8, "0")}-xxxxxxxxxx`);
  await prisma.session.createMany({
    data: batch.map((i, j) => ({ userId: `yp${i}`, tokenHash: createHash("sha256").update(tokens[j]!).digest("hex"), expiresAt: expires })),
  });
  for (const [j, i] of batch.entries()) people.push({ id: `yp${i}`, cookie: (await cookieJar.serialize(tokens[j]!)).split(";")[0]! });
}
const polls: { id: string; questionId: string; options: string[] }[] = [];
for (let p = 0; p < POLLS; p++) {
  const poll = await createPoll(officer.id, {
    title: `Bench poll ${p}`,
    intro: "",
    titleTranslations: {},
    introTranslations: {},
    groupIds: groups.map((g) => g.id),
    opensAt: null,
    closesAt: null,
    resultsVisibility: "after_vote",
    askId: null,
    questions: [{ kind: "single", prompt: "Which?", promptTranslations: {}, maxChoices: null, options: ["A", "B", "C", "D"].map((label) => ({ label, labelTranslations: {} })) }],
  });
  await setPollStatus(officer.id, poll.id, "open");
  const q = await prisma.pollQuestion.findFirstOrThrow({ where: { pollId: poll.id }, select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } } });
  polls.push({ id: poll.id, questionId: q.id, options: q.options.map((o) => o.id) });
}
const officerToken = "bench-officer-session-token-xxxxxxxxxxxxxxxx";
await prisma.session.create({ data: { userId: officer.id, tokenHash: createHash("sha256").update(officerToken).digest("hex"), expiresAt: expires } });
const officerCookie = (await cookieJar.serialize(officerToken)).split(";")[0]!;
console.log(`Seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s.`);
await disconnectDb();

// ---------------------------------------------------------------------------------------------
const port = 4100 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;
// SERVER_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof), split on spaces.
const serverArgs = (process.env.SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
// As `npm start` runs it: a larger young generation, so that short-lived request objects die
// young instead of being copied (decision 007, addendum).
const server = spawn("node", ["--max-semi-space-size=32", ...serverArgs, "--import", "tsx", "server/index.ts"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
for (let i = 0; ; i++) {
  if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
  if (i > 150) throw new Error("server did not start");
  await new Promise((r) => setTimeout(r, 200));
}

/**
 * Every request a first vote of a young person on a poll they have not answered (young person by
 * young person, then the next poll round: 20,000 × 50 pairs), or (one in five) a change of an
 * earlier first vote, never one already changed, so stored changes can be checked exactly.
 */
let next = 0;
let firsts = 0;
const voted: { person: number; poll: number; option: number }[] = [];
function nextVote() {
  if (voted.length > 50 && next % 5 === 4) {
    const earlier = voted.splice(Math.floor(Math.random() * voted.length), 1)[0]!;
    const option = (earlier.option + 1) % 4;
    next++;
    return { person: earlier.person, poll: earlier.poll, option, change: true };
  }
  next++;
  const n = firsts++;
  const person = n % PEOPLE;
  return { person, poll: (person + Math.floor(n / PEOPLE)) % POLLS, option: Math.floor(Math.random() * 4), change: false };
}
const accepted = { first: 0, change: 0 };
/** What a vote posts: the path, the voter's cookie, and the form's one field. */
function voteRequest(vote: ReturnType<typeof nextVote>) {
  const poll = polls[vote.poll]!;
  return {
    path: votePath(poll.id),
    headers: { Cookie: people[vote.person]!.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: `q.${poll.questionId}=${poll.options[vote.option]}`,
  };
}

function countAccepted(vote: ReturnType<typeof nextVote>) {
  if (vote.change) accepted.change++;
  else {
    accepted.first++;
    voted.push({ person: vote.person, poll: vote.poll, option: vote.option });
  }
}


/** Closed loop: each of the connections sends its next vote as soon as its last is answered. */
async function load(url: string, withVotes: boolean, amount = VOTES) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    // A fixed number of requests, all of which complete, so stored answers can be checked exactly.
    ...(withVotes ? { amount } : { duration: VOTE_SECONDS }),
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          if (!withVotes) return request;
          const vote = nextVote();
          (context as { vote?: unknown }).vote = vote;
          return { ...request, ...voteRequest(vote) };
        },
        onResponse: (status, _body, context) => {
          if (!withVotes) return;
          const vote = (context as { vote?: ReturnType<typeof nextVote> }).vote;
          if (vote && status === COUNTED) countAccepted(vote);
        },
      },
    ],
  });
}


/**
 * Open loop: `count` votes due at an even `rate` per second, over at most CONNECTIONS keep-alive
 * connections (a vote due while all are busy waits for one). Each latency counts from when the vote
 * was due, so a slow answer cannot hide the votes it held back. (autocannon's own rate limit sends
 * each second's quota in a burst at the start of the second, which measures bursts, not a rate.)
 */
function paced(rate: number, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let counted = 0;
  let failed = 0;
  const start = performance.now() + 20;
  return new Promise<{ accepted: number; failed: number; seconds: number; latencies: number[] }>((resolve) => {
    let sent = 0;
    let done = 0;
    const finish = () => {
      if (++done < count) return;
      agent.destroy();
      resolve({ accepted: counted, failed, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) });
    };
    const send = (dueAt: number) => {
      const vote = nextVote();
      const { path: requestPath, headers, body } = voteRequest(vote);
      const request = httpRequest(
        { agent, host: "127.0.0.1", port, method: "POST", path: requestPath, headers: { ...headers, "Content-Length": Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on("end", () => {
            latencies.push(performance.now() - dueAt);
            if (response.statusCode === COUNTED) {
              counted++;
              countAccepted(vote);
            } else failed++;
            finish();
          });
        },
      );
      request.on("error", () => {
        failed++;
        finish();
      });
      request.end(body);
    };
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < due; sent++) send(start + (sent * 1000) / rate);
      if (sent < count) setTimeout(tick, 1);
    };
    setTimeout(tick, 20);
  });
}

/** CPU seconds a process used so far (user + system), from /proc (Linux). */
function processCpuSeconds(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

try {
  const warm = WARMUP > 0 ? await load(base, true, WARMUP) : null;
  const warmAccepted = accepted.first + accepted.change;
  const serverCpuBefore = processCpuSeconds(server.pid!);
  const benchCpuBefore = process.cpuUsage();
  const loadBefore = os.loadavg();
  const votes = await load(base, true);
  const serverCpu = processCpuSeconds(server.pid!) - serverCpuBefore;
  const benchCpuUsed = process.cpuUsage(benchCpuBefore);
  const benchCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6;
  const loadAfter = os.loadavg();
  const measured = accepted.first + accepted.change - warmAccepted;
  // The same 200 connections sending RATE votes/s between them (phones that vote and wait), for
  // RATE_SECONDS: the latency a voter sees at that load, not the queue a closed loop builds.
  const rated = RATE > 0 ? await paced(RATE, RATE * RATE_SECONDS) : null;
  const bare = createServer((_req, res) => res.end("ok")).listen(0, "127.0.0.1");
  await new Promise((r) => bare.once("listening", r));
  const bareResult = await load(`http://127.0.0.1:${(bare.address() as { port: number }).port}`, false);
  bare.close();

  // Afterwards: what was stored equals what was accepted; tallies equal a recount.
  process.env.DATABASE_URL = databaseUrl;
  const responses = await prisma.pollResponse.count();
  const changes = (await prisma.pollResponse.aggregate({ _sum: { changes: true } }))._sum.changes ?? 0;
  const tallyRows = await prisma.pollTally.findMany({ select: { optionId: true, groupId: true, count: true } });
  const recount = await prisma.pollChoice.groupBy({ by: ["optionId"], _count: { _all: true } });
  const recountByOption = new Map(recount.map((r) => [r.optionId, r._count._all]));
  const tallyByOption = new Map<string, number>();
  for (const t of tallyRows) tallyByOption.set(t.optionId, (tallyByOption.get(t.optionId) ?? 0) + t.count);
  const mismatches = [...tallyByOption].filter(([optionId, count]) => (recountByOption.get(optionId) ?? 0) !== count).length;

  const votesPerSecond = measured / (votes.duration || VOTE_SECONDS);
  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, SQLite`);
  console.log(`Votes through ${VIA === "api" ? "the vote endpoint (POST /api/polls/:id/vote)" : "the voting form (POST /me/polls/:id)"}, ${CONNECTIONS} connections, ${VOTES} requests in ${votes.duration.toFixed(1)} s:`);
  if (warm) console.log(`  (first ${WARMUP} votes to warm the server, not measured: ${warm.duration.toFixed(1)} s, p50 ${warm.latency.p50} ms, p99 ${warm.latency.p99} ms)`);
  console.log(`  accepted ${measured} = ${votesPerSecond.toFixed(0)} votes/s; other answers ${votes.requests.sent - votes.errors - votes.timeouts - measured}; errors ${votes.errors}, timeouts ${votes.timeouts}`);
  console.log(`  latency p50 ${votes.latency.p50} ms, p99 ${votes.latency.p99} ms, max ${votes.latency.max} ms`);
  console.log(`  stored, warm-up included: ${responses} answers (accepted first votes ${accepted.first}), ${changes} changes (accepted ${accepted.change}); tallies differing from a recount: ${mismatches}`);
  console.log(
    `  CPU during the votes: server ${serverCpu.toFixed(1)} s (${((1000 * serverCpu) / measured).toFixed(2)} ms a vote, ${((100 * serverCpu) / votes.duration).toFixed(0)}% of one core), load generator ${benchCpu.toFixed(1)} s (${((100 * benchCpu) / votes.duration).toFixed(0)}% of one core), of ${os.cpus().length} cores × ${votes.duration.toFixed(1)} s`,
  );
  console.log(`  load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);
  if (rated) {
    const l = rated.latencies;
    console.log(`At ${RATE} votes/s, evenly spaced, over at most ${CONNECTIONS} connections: ${RATE * RATE_SECONDS} requests in ${rated.seconds.toFixed(1)} s:`);
    console.log(
      `  accepted ${rated.accepted} = ${(rated.accepted / rated.seconds).toFixed(0)} votes/s; other answers or errors ${rated.failed}; latency from when each vote was due: p50 ${fmt(pct(l, 50))} ms, p99 ${fmt(pct(l, 99))} ms, max ${fmt(l.at(-1) ?? NaN)} ms`,
    );
  }
  console.log(`Bare Node http server, same load: ${bareResult.requests.average.toFixed(0)} requests/s, p50 ${bareResult.latency.p50} ms, p99 ${bareResult.latency.p99} ms`);
  console.log(`Ratio ours/bare: ${(votesPerSecond / bareResult.requests.average).toFixed(3)}`);

  // -------------------------------------------------------------------------------------------
  const watched = polls[0]!;
  const sockets: Socket[] = [];
  const lastSeen: number[] = [];
  const seen: { voters: number; at: number }[][] = [];
  const connectStart = performance.now();
  for (let i = 0; i < SOCKETS; i++) {
    const socket = connect(base, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: officerCookie }, reconnection: true });
    sockets.push(socket);
    lastSeen.push(-1);
    seen.push([]);
    socket.on("connect", () => socket.emit("poll:watch", { pollId: watched.id, audience: "officer" }, () => {}));
    socket.on("poll:tally", (payload: { results: { questions: { voters: { value: number } }[] } }) => {
      const voters = payload.results.questions[0]!.voters.value;
      lastSeen[i] = voters;
      seen[i]!.push({ voters, at: performance.now() });
    });
  }
  await new Promise<void>((resolve) => {
    const check = () => (sockets.every((s) => s.connected) ? resolve() : setTimeout(check, 50));
    check();
  });
  console.log(`\n${SOCKETS} sockets connected in ${((performance.now() - connectStart) / 1000).toFixed(1)} s, watching one poll.`);
  // Fresh voters on the watched poll, one every 100 ms, each from a person who has not voted on it.
  const already = new Set((await prisma.pollResponse.findMany({ where: { pollId: watched.id }, select: { userId: true } })).map((r) => r.userId));
  const fresh = people.filter((p) => !already.has(p.id)).slice(0, 40);
  const sentAt: { voters: number; at: number }[] = [];
  for (const person of fresh) {
    const response = await fetch(`${base}${votePath(watched.id)}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: `q.${watched.questionId}=${watched.options[0]}`,
    });
    const votersNow = await prisma.pollResponse.count({ where: { pollId: watched.id } });
    if (response.status === COUNTED) sentAt.push({ voters: votersNow, at: performance.now() });
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const finalVoters = await prisma.pollResponse.count({ where: { pollId: watched.id } });
  // For each vote: when every socket had a tally counting at least that many voters.
  const delays: number[] = [];
  for (const { voters, at } of sentAt) {
    // The moment the last socket first held a tally counting this vote.
    let everySocket = 0;
    for (const events of seen) {
      const first = events.find((e) => e.voters >= voters);
      everySocket = first ? Math.max(everySocket, first.at) : NaN;
      if (Number.isNaN(everySocket)) break;
    }
    delays.push(everySocket - at);
  }
  delays.sort((a, b) => a - b);
  const onFinal = lastSeen.filter((v) => v === finalVoters).length;
  console.log(`From a vote's response to the tally on every socket: p50 ${fmt(pct(delays, 50))} ms, p95 ${fmt(pct(delays, 95))} ms, p99 ${fmt(pct(delays, 99))} ms (${delays.length} votes)`);
  console.log(`Sockets ending on the final tally (${finalVoters} voters): ${((100 * onFinal) / SOCKETS).toFixed(1)}%`);
  for (const s of sockets) s.disconnect();
} finally {
  await disconnectDb();
  process.kill(-server.pid!, "SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
