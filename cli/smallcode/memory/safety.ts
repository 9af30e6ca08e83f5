import { lstatSync } from "node:fs";
import { dirname } from "node:path";
import { within } from "../tools/real-path.ts";
import { printable, realOrNone } from "../tools/untrusted-files.ts";

/**
 * Checks before SmallCode opens a memory database. A cloned repository may carry a
 * `.smallcode/memory.db` — or a link by that name, or a link where SQLite writes its journal — so the
 * project's store is opened only as a plain file inside the project, and nothing is ever deleted:
 * a file SmallCode cannot use is reported with what to do, and left as it is (it may be user data).
 */

/** Why a memory store cannot be used: what, where, and how to fix it. */
export class MemoryError extends Error {
  readonly code:
    | "MEMORY_LINK"
    | "MEMORY_NOT_A_FILE"
    | "MEMORY_TOO_LARGE"
    | "MEMORY_CORRUPT"
    | "MEMORY_FOREIGN"
    | "MEMORY_UNSUPPORTED"
    | "MEMORY_NO_USER_STORE";
  readonly where: string;
  readonly hint: string;
  constructor(code: MemoryError["code"], where: string, message: string, hint: string) {
    super(message);
    this.name = "MemoryError";
    this.code = code;
    this.where = where;
    this.hint = hint;
  }

  /** `CODE where: message; hint`, one line. */
  format(): string {
    return printable(`${this.code} ${this.where}: ${this.message}; ${this.hint}`);
  }
}

/** Largest memory database opened (a planted file of gigabytes is not read). */
export const MAX_DB_BYTES = 64 * 1024 * 1024;

/** Files SQLite keeps next to a database, and writes through when they exist. */
export const SIDE_FILES = ["-journal", "-wal", "-shm"] as const;

/**
 * Whether the database at `path` exists; @throws MemoryError when it, its folder or one of its side
 * files is a link (a project store also when its folder leads outside `confine`), or when it is not
 * a plain file or too large.
 */
export function checkDbPath(path: string, shownPath: string, confine?: string): boolean {
  if (confine !== undefined) {
    const folder = realOrNone(dirname(path));
    if (folder !== undefined && !within(folder, confine))
      throw new MemoryError(
        "MEMORY_LINK",
        shownPath,
        `its folder leads to ${folder}, outside the project`,
        "delete the link; SmallCode makes its own .smallcode folder",
      );
  }
  for (const side of ["", ...SIDE_FILES]) {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(path + side);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink())
      throw new MemoryError(
        "MEMORY_LINK",
        shownPath + side,
        `is a link (to ${realOrNone(path + side) ?? "a missing file"}); SmallCode opens its memory only as a plain file`,
        `remove the link (rm ${shownPath + side}); SmallCode makes a new memory`,
      );
    if (side === "" && !stat.isFile())
      throw new MemoryError(
        "MEMORY_NOT_A_FILE",
        shownPath,
        "is not a plain file",
        `move it aside (mv ${shownPath} ${shownPath}.old)`,
      );
    if (side === "" && stat.size > MAX_DB_BYTES)
      throw new MemoryError(
        "MEMORY_TOO_LARGE",
        shownPath,
        `is ${Math.round(stat.size / 1024 / 1024)} MiB, more than the ${MAX_DB_BYTES / 1024 / 1024} MiB SmallCode opens`,
        `move it aside (mv ${shownPath} ${shownPath}.old) to start a new memory`,
      );
  }
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The error for a database SQLite cannot read, or one whose schema is not SmallCode's. */
export function corrupt(shownPath: string, why: string, foreign = false): MemoryError {
  return new MemoryError(
    foreign ? "MEMORY_FOREIGN" : "MEMORY_CORRUPT",
    shownPath,
    `${foreign ? "is not a SmallCode memory" : "is not a usable SQLite database"} (${why}); SmallCode left it untouched, since it may hold saved facts`,
    `move it aside to start a new memory (mv ${shownPath} ${shownPath}.broken), or restore it from a backup`,
  );
}
