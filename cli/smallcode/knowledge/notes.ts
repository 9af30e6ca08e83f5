import { join } from "node:path";
import { countTokens } from "../context/tokens.ts";
import { type KnowledgeProblem, readText, realOrNone } from "../tools/untrusted-files.ts";

/**
 * Knowledge notes: what a project tells every agent about itself (`AGENTS.md`, `SMALLCODE.md` at the
 * project root) and what the user tells SmallCode everywhere (`~/.config/smallcode/AGENTS.md`),
 * injected into the system prompt within a token cap. A longer note is cut with a marker that says
 * how much is left and how to read it; the run's notice says what went in.
 */

/** The project's note files, in the order they are injected. */
export const NOTE_FILES = ["AGENTS.md", "SMALLCODE.md"] as const;

/** Largest note file read at all (the prompt gets its head). */
const MAX_NOTE_BYTES = 1024 * 1024;

/** One note file found. */
export interface KnowledgeNote {
  /** As people read it: `AGENTS.md`, or the user's file's full path. */
  readonly file: string;
  readonly scope: "project" | "user";
  readonly text: string;
  /** Tokens of the whole text. */
  readonly tokens: number;
}

/** Finds the note files: the user's first (general), then the project's (specific). Never throws. */
export function readNotes(
  cwd: string,
  userConfigDir?: string,
): { notes: KnowledgeNote[]; problems: KnowledgeProblem[] } {
  const notes: KnowledgeNote[] = [];
  const problems: KnowledgeProblem[] = [];
  const add = (path: string, scope: KnowledgeNote["scope"], confine?: string) => {
    const read = readText(path, MAX_NOTE_BYTES, confine, scope === "project" ? cwd : undefined);
    if (!read.ok) {
      if (read.problem) problems.push(read.problem);
      return;
    }
    const text = read.text.replace(/^\uFEFF/, "").trim();
    if (text === "") return;
    const file = scope === "project" ? path.slice(cwd.length + 1) : path;
    notes.push({ file, scope, text, tokens: countTokens(text) });
  };
  if (userConfigDir) add(join(userConfigDir, "AGENTS.md"), "user");
  const project = realOrNone(cwd) ?? cwd;
  for (const name of NOTE_FILES) add(join(cwd, name), "project", project);
  return { notes, problems };
}

/** What went into the prompt from one note. */
export interface InjectedNote {
  readonly file: string;
  /** Tokens injected, and of the whole file. */
  readonly tokens: number;
  readonly of: number;
  readonly cut: boolean;
}

/** Cuts `text` to about `tokens` tokens at a line break, with a marker naming the rest. */
function cutTo(text: string, tokens: number, file: string, scope: KnowledgeNote["scope"]): string {
  const room = Math.max(0, tokens * 4 - 120);
  let head = text.slice(0, room);
  const nl = head.lastIndexOf("\n");
  if (nl > room / 2) head = head.slice(0, nl);
  const rest = countTokens(text.slice(head.length));
  const how = scope === "project" ? `read_file ${file} for the rest` : "the user keeps the rest";
  return `${head.trimEnd()}\n[… ${file} cut here: ${rest.toLocaleString("en-US")} more tokens; ${how}]`;
}

/**
 * The notes as a prompt section within `budget` tokens (the project's notes keep at least half when
 * both are long), and what was injected.
 */
export function notesSection(
  notes: readonly KnowledgeNote[],
  budget: number,
): { text: string; injected: InjectedNote[] } {
  if (notes.length === 0 || budget < 40) return { text: "", injected: [] };
  const head = "Project notes (from the files named; follow them unless the user says otherwise):";
  let left = budget - countTokens(head);
  const injected: InjectedNote[] = [];
  const parts: string[] = [head];
  notes.forEach((note, i) => {
    const share = Math.floor(left / (notes.length - i));
    const want = note.tokens + 10;
    const give = want <= share || i === notes.length - 1 ? Math.min(want, left) : share;
    const cut = want > give;
    if (cut && give < 40) return; // too little room to say anything useful
    const body = cut ? cutTo(note.text, give - 10, note.file, note.scope) : note.text;
    const block = `## ${note.file}\n${body}`;
    parts.push(block);
    const used = countTokens(block);
    left -= used;
    injected.push({ file: note.file, tokens: used, of: note.tokens, cut });
  });
  if (injected.length === 0) return { text: "", injected: [] };
  return { text: parts.join("\n"), injected };
}
