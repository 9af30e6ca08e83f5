import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redact } from "../../../runtime/index.ts";
import type { Message, RunResult, ToolCallRecord } from "../contract/index.ts";

/**
 * Sessions on disk: `.smallcode/sessions/<id>.json` in the project, rewritten after every step with
 * an atomic write (a temporary file, then a rename), with secrets redacted. A saved session can be
 * resumed: its history continues with a new task or the same one.
 */

/** What a session file holds. */
export interface SessionData {
  readonly version: 1;
  readonly id: string;
  readonly cwd: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Every task run in this session, oldest first. */
  readonly tasks: readonly string[];
  readonly taskType?: string;
  /** Steps of the latest run so far. */
  readonly step: number;
  /** The flat chat history (tool calls always followed by their results). */
  readonly history: readonly Message[];
  readonly toolCalls: readonly ToolCallRecord[];
  /** The latest run's result, once it ended. */
  readonly result?: RunResult;
}

/** A short listing entry. */
export interface SessionSummary {
  readonly id: string;
  readonly updatedAt: string;
  readonly task: string;
  readonly steps: number;
  readonly stopReason?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The sessions directory of a project. */
export function sessionsDir(cwd: string): string {
  return join(cwd, ".smallcode", "sessions");
}

/** A new sortable id: `20250101-120000-ab12cd`. */
export function newSessionId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

function fileOf(cwd: string, id: string): string {
  if (!ID.test(id)) throw new Error(`invalid session id \`${id}\`: use letters, digits, '.', '_' or '-'`);
  return join(sessionsDir(cwd), `${id}.json`);
}

/** Writes `data` atomically (temp file + rename), secrets redacted. */
export async function saveSession(data: SessionData): Promise<void> {
  const file = fileOf(data.cwd, data.id);
  await mkdir(sessionsDir(data.cwd), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(redact(data), null, 2)}\n`, "utf8");
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a saved session; the error names the file and what to do when it is missing or broken. */
export async function loadSession(cwd: string, id: string): Promise<SessionData> {
  const file = fileOf(cwd, id);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(
      `no session \`${id}\` in ${sessionsDir(cwd)}; list the sessions there and pass one of their ids`,
    );
  }
  let data: SessionData;
  try {
    data = JSON.parse(text) as SessionData;
  } catch (error) {
    throw new Error(`session file ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (data?.version !== 1 || !Array.isArray(data.history))
    throw new Error(`session file ${file} is not a SmallCode session (version 1 with a history)`);
  return data;
}

/** Saved sessions of a project, newest first. */
export async function listSessions(cwd: string): Promise<SessionSummary[]> {
  let names: string[];
  try {
    names = (await readdir(sessionsDir(cwd))).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  const out: SessionSummary[] = [];
  for (const name of names) {
    try {
      const data = await loadSession(cwd, name.slice(0, -5));
      out.push({
        id: data.id,
        updatedAt: data.updatedAt,
        task: data.tasks[data.tasks.length - 1] ?? "",
        steps: data.step,
        ...(data.result ? { stopReason: data.result.stopReason } : {}),
      });
    } catch {
      // not a session file
    }
  }
  return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Whether a session exists. */
export async function sessionExists(cwd: string, id: string): Promise<boolean> {
  try {
    return (await stat(fileOf(cwd, id))).isFile();
  } catch {
    return false;
  }
}
