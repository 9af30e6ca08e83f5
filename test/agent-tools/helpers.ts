import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  createToolSession,
  type SessionOptions,
  type ToolSession,
} from "../../cli/smallcode/toolbox/index.ts";

/** A temporary project directory with `files` written into it (real path, no symlinks). */
export function makeProject(files: Record<string, string | Uint8Array> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "smallcode-tools-")));
  writeFiles(root, files);
  return root;
}

/** Writes `files` (relative path → content) under `root`, creating directories. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Tracks projects and sessions made by a test file so `cleanup()` removes them all. */
export function workspace() {
  const roots: string[] = [];
  const sessions: ToolSession[] = [];
  return {
    project(files: Record<string, string | Uint8Array> = {}): string {
      const root = makeProject(files);
      roots.push(root);
      return root;
    },
    session(root: string, options: Partial<SessionOptions> = {}): ToolSession {
      const s = createToolSession({ cwd: root, ...options });
      sessions.push(s);
      return s;
    },
    async cleanup(): Promise<void> {
      await Promise.all(sessions.splice(0).map((s) => s.close()));
      for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
    },
  };
}

/** `n` lines "line 1" … "line n", newline-terminated. */
export function numbered(n: number, prefix = "line"): string {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join("");
}
