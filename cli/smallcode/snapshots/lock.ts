import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { snapshotsDir } from "./store.ts";

/**
 * One agent per project at a time: two agents recording snapshots of the same tree would blame each
 * other's changes on their own task, and undo would then revert the other's work. A task holds
 * `.smallcode/snapshots/agent.lock` (pid, host, a token) from its start to its end; a second agent
 * is told who holds it. A lock whose process is gone (same host, pid not alive) is stale and taken over.
 */

/** What a lock file says. */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly startedAt: string;
  readonly task: string;
}

/** A lock taken, or who holds it. */
export type LockResult =
  | { readonly ok: true; readonly release: () => void }
  | { readonly ok: false; readonly holder: LockInfo | null; readonly message: string };

/** Lock tokens held by this process (another instance in the same process is a different holder). */
const held = new Set<string>();

function lockPath(cwd: string): string {
  return join(snapshotsDir(cwd), "agent.lock");
}

function readLock(path: string): LockInfo | null {
  try {
    const o = JSON.parse(readFileSync(path, "utf8")) as LockInfo;
    return Number.isInteger(o.pid) && typeof o.token === "string" ? o : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the holder still runs: same host and a live pid (in this process: a held token). */
function live(info: LockInfo): boolean {
  if (info.host !== hostname()) return true; // cannot tell: assume it runs
  if (info.pid === process.pid) return held.has(info.token);
  return alive(info.pid);
}

/** The other agent holding the project's lock, or null when none does (or the lock is stale). */
export function lockHolder(cwd: string): LockInfo | null {
  const info = readLock(lockPath(cwd));
  return info && !held.has(info.token) && live(info) ? info : null;
}

/** One line naming the holder and what to do. */
export function lockMessage(cwd: string, holder: LockInfo | null): string {
  const who = holder
    ? `another SmallCode (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}, task ${JSON.stringify(holder.task.slice(0, 60))})`
    : "another SmallCode";
  return (
    `${who} is working on this project; two agents at once would mix their snapshots and undo. ` +
    `Wait for it to finish, or, if it is gone, delete ${lockPath(cwd)}`
  );
}

/** Takes the project's lock for a task. */
export function acquireLock(cwd: string, task: string): LockResult {
  const path = lockPath(cwd);
  mkdirSync(snapshotsDir(cwd), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
    startedAt: new Date().toISOString(),
    task,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readLock(path);
      if (holder && live(holder)) return { ok: false, holder, message: lockMessage(cwd, holder) };
      unlinkSync(path); // stale (its process is gone) or unreadable: take it over
      continue;
    }
    writeSync(fd, `${JSON.stringify(info)}\n`);
    closeSync(fd);
    held.add(info.token);
    return {
      ok: true,
      release: () => {
        held.delete(info.token);
        if (readLock(path)?.token === info.token) unlinkSync(path);
      },
    };
  }
  return { ok: false, holder: null, message: lockMessage(cwd, null) };
}
