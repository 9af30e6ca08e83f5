import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ALLOW, type Guard, type GuardVerdict } from "../contract/index.ts";
import { pathOf, refuse } from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";

/**
 * Read-before-write: a whole-file `write_file` over an existing, non-empty file the session has not
 * read is refused once with a hint (read it, then patch it), so a model never replaces content it has
 * not seen. Reads are `read_file`, `read_and_patch` and successful patches (a patch that matched proves
 * the model knew the text), plus anything the loop reports in `ctx.filesRead`. A file that changed on
 * disk since the session last saw it (someone else edited it) is treated as unread again.
 */

/** Switch name of this guard. */
export const READ_BEFORE_WRITE = "read-before-write";

/** Tools whose success means the model has seen the file's current content. */
const SEEING_TOOLS = new Set(["read_file", "patch", "read_and_patch", "write_file"]);

/** Content hash of a project file, or null when it does not exist or is empty. */
async function contentHash(cwd: string, rel: string): Promise<string | null> {
  try {
    const buf = await readFile(join(cwd, rel));
    return buf.length === 0 ? null : createHash("sha1").update(buf).digest("hex");
  } catch {
    return null;
  }
}

/** Creates the read-before-write guard. Its knowledge of seen files lasts the whole session. */
export function readBeforeWriteGuard(t: Thresholds): Guard {
  /** Path → hash of the content the session last saw (read or wrote). */
  const seen = new Map<string, string | null>();
  const refusals = new Map<string, number>();

  const remember = async (cwd: string, rel: string) => {
    seen.set(rel, await contentHash(cwd, rel));
  };

  return {
    name: READ_BEFORE_WRITE,

    async beforeTool(call, ctx): Promise<GuardVerdict> {
      if (call.name !== "write_file") return ALLOW;
      const path = pathOf(call, ctx.cwd);
      if (path === undefined) return ALLOW;
      const now = await contentHash(ctx.cwd, path);
      if (now === null) return ALLOW; // new or empty file: nothing to lose
      const known = seen.get(path);
      if (known === now) return ALLOW;
      if (known === undefined && ctx.filesRead.has(path)) return ALLOW;
      const times = (refusals.get(path) ?? 0) + 1;
      if (times > t.readBeforeWriteRefusals) return ALLOW; // the model insists; snapshots keep the old text
      refusals.set(path, times);
      const why =
        known === undefined
          ? `\`${path}\` already exists and you have not read it`
          : `\`${path}\` has changed since you last read it (someone else edited it)`;
      return refuse(
        `refused: ${why}; writing it whole would replace content you have not seen. ` +
          `Read it first with read_file(path="${path}"), then change only what is needed with patch.`,
      );
    },

    async afterTool(outcome, ctx): Promise<GuardVerdict> {
      const { call } = outcome;
      if (outcome.ok && SEEING_TOOLS.has(call.name)) {
        const path = pathOf(call, ctx.cwd);
        if (path !== undefined) await remember(ctx.cwd, path);
      }
      // files the agent itself changed through commands are known content
      for (const path of outcome.changed) await remember(ctx.cwd, path);
      return ALLOW;
    },
  };
}
