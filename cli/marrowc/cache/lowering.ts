import type { FileNode } from "../../../compiler/ast.ts";
import type { LowerFiles } from "../../../compiler/compile-core.ts";
import type { FileIR, LowerIssue } from "../../../compiler/ir.ts";
import { lowering } from "../../../compiler/lower.ts";
import type { Source } from "../../../compiler/source.ts";
import { hash } from "./codec.ts";
import type { BuildCache } from "./store.ts";

/**
 * Each file's IR answered from the build cache, on the principle of `checks.ts`: lowering a file
 * asks about the other declarations only through a few questions (does `Kind:name` exist, which
 * file declares it — whose AST it then reads —, is a name a capability, which policies a system
 * has), and the session records each with its answer; the entry keeps the file's IR, its issues and
 * those answers, a declaring file's answer with that file's content hash. Next build the IR is
 * reused when the file's text is the same and every question gets the same answer: an edit inside
 * one prompt lowers only its file, an edit to an entity or enum other files use lowers them too.
 */

/** One recorded question: `["decl", "Enum:Mood", "marrow/models.marrow\0<sha256>"]`. */
type Read = readonly [what: string, args: string, answer: string];

interface LowerEntry {
  readonly text: string;
  readonly reads: readonly Read[];
  readonly ir: FileIR;
  readonly issues: readonly LowerIssue[];
}

/** How the lowering hook did, for the build's figures and tests. */
export interface LowerStats {
  /** Files lowered in this build (the others' IR came from the cache). */
  lowered: string[];
}

/** A {@link LowerFiles} over `cache`: each file's IR reused while its questions get the same answers. */
export function cachedLowering(cache: BuildCache, stats: LowerStats): LowerFiles {
  return (files: readonly FileNode[], sources: readonly Source[]) => {
    const session = lowering(files, sources);
    const hashes = new Map(sources.map((s) => [s.path, hash(s.text)]));
    // A declaration's answer is its file; what the lowering reads of it follows from that file's text.
    const withHash = (what: string, answer: string) =>
      what === "decl" && answer !== "" ? `${answer}\u0000${hashes.get(answer) ?? ""}` : answer;
    const valid = (entry: LowerEntry | undefined, text: string): entry is LowerEntry => {
      if (!entry || entry.text !== text || !Array.isArray(entry.reads) || !Array.isArray(entry.issues))
        return false;
      if (entry.ir === null || typeof entry.ir !== "object") return false;
      try {
        return entry.reads.every(
          ([what, args, answer]) => withHash(what, session.answer(what, args)) === answer,
        );
      } catch {
        return false; // a damaged entry: lower the file
      }
    };
    const out: FileIR[] = [];
    const issues: LowerIssue[] = [];
    for (const file of session.files) {
      const text = hashes.get(file.path) ?? "";
      const entry = cache.read("lower", file.path) as LowerEntry | undefined;
      if (valid(entry, text)) {
        out.push(entry.ir);
        issues.push(...entry.issues);
        continue;
      }
      const reads = new Map<string, Read>();
      const lowered = session.lowerFile(file, (what, args, answer) =>
        reads.set(`${what}\u0000${args}`, [what, args, withHash(what, answer)]),
      );
      stats.lowered.push(file.path);
      const value: LowerEntry = { text, reads: [...reads.values()], ir: lowered.ir, issues: lowered.issues };
      cache.write("lower", file.path, value);
      out.push(lowered.ir);
      issues.push(...lowered.issues);
    }
    return { files: out, issues };
  };
}
