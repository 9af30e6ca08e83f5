// The folder import graph of the source tree and its cycles. Folders, not files, are the unit: two
// files of one folder may import each other, but once folder A imports folder B, nothing in B may
// reach back into A, or the folders can no longer be understood (or moved) one at a time.
// Imports are read with TypeScript's own module resolution (`tsc --explainFiles` over the project's
// tsconfig), so `import type`, re-exports and dynamic `import()` all count, exactly as the compiler
// resolves them; TypeScript 7 has no JavaScript API to ask instead.

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { stronglyConnected } from "../../compiler/graph.ts";

/** One import from a source file to another file of the tree, both relative to the root, `/`-separated. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** An arrow between two folders and the file imports that make it. */
export interface FolderArrow {
  from: string;
  to: string;
  imports: ImportEdge[];
}

/**
 * A group of folders that all reach each other through imports (`folders`, sorted), and one loop through
 * it (`loop`: the first folder imports the second, …, the last the first) to show where to cut.
 */
export interface FolderCycle {
  folders: string[];
  loop: string[];
}

const IMPORTED_VIA = /^\s+Imported via .* from file '([^']+)'/;

/**
 * Runs `tsc --explainFiles` on the tsconfig `project` in `root` and returns the imports between the
 * project's own files (dependencies in node_modules and the standard library are left out). Type
 * errors do not matter here: the explanation is printed either way.
 */
export function importEdges(root: string, project = "tsconfig.json"): ImportEdge[] {
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  let output: string;
  try {
    output = execFileSync(process.execPath, [tsc, "--noEmit", "-p", project, "--explainFiles"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: string; message: string };
    if (typeof failed.stdout !== "string" || failed.stdout === "") throw error;
    output = failed.stdout;
  }
  return parseExplainFiles(output);
}

/** Reads the import edges out of `tsc --explainFiles` output; files outside the project are left out. */
export function parseExplainFiles(output: string): ImportEdge[] {
  const own = (file: string): boolean =>
    !file.startsWith("../") && !file.startsWith("/") && !file.includes("node_modules/");
  const edges: ImportEdge[] = [];
  let current: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (line !== "" && !/^\s/.test(line)) {
      current = own(line.trim()) ? line.trim() : undefined;
      continue;
    }
    const match = IMPORTED_VIA.exec(line);
    if (current !== undefined && match !== null && own(match[1]!) && match[1] !== current) {
      edges.push({ from: match[1]!, to: current });
    }
  }
  return edges;
}

/**
 * The unit a file belongs to in the graph: a first-level folder of a package with everything beneath it
 * (`cli/smallcode/agent`, `compiler/check`, `bench/sim`), where the packages are the top-level folders and
 * `cli/<name>`; a file directly in a package (`cli/smallcode/main.ts`, `compiler/ir.ts`) is a unit of its own.
 * A folder and its subfolders are one unit, so `tool-calls/` and `tool-calls/formats/` may import each other.
 */
export function unitOf(file: string): string {
  const parts = file.split("/");
  const packageDepth = parts[0] === "cli" && parts.length > 2 ? 2 : 1;
  return parts.length > packageDepth + 1 ? parts.slice(0, packageDepth + 1).join("/") : file;
}

/**
 * Groups file imports into arrows between the files' units (see `unitOf`); imports inside one unit, and
 * between two files of one folder, are left out.
 */
export function folderArrows(edges: readonly ImportEdge[]): FolderArrow[] {
  const arrows = new Map<string, FolderArrow>();
  for (const edge of edges) {
    if (dirname(edge.from) === dirname(edge.to)) continue;
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from === to) continue;
    const key = `${from}\n${to}`;
    let arrow = arrows.get(key);
    if (arrow === undefined) {
      arrow = { from, to, imports: [] };
      arrows.set(key, arrow);
    }
    arrow.imports.push(edge);
  }
  return [...arrows.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Finds the strongly connected groups of folders (Tarjan's algorithm) with more than one folder, and
 * returns for each one cycle through it, so a report can name a concrete loop to cut.
 */
export function folderCycles(arrows: readonly FolderArrow[]): FolderCycle[] {
  const next = new Map<string, string[]>();
  for (const arrow of arrows) {
    next.set(arrow.from, [...(next.get(arrow.from) ?? []), arrow.to]);
    if (!next.has(arrow.to)) next.set(arrow.to, []);
  }
  // visited in sorted order, so the report does not depend on the order imports were read
  const sorted = new Map([...next.keys()].sort().map((folder) => [folder, next.get(folder)!]));
  const groups = stronglyConnected(sorted)
    .filter((group) => group.length > 1)
    .map((group) => group.sort());
  return groups
    .map((folders) => ({ folders, loop: loopThrough(folders, next) }))
    .sort((a, b) => a.folders[0]!.localeCompare(b.folders[0]!));
}

// A shortest loop from the group's first folder back to itself, staying inside the group.
function loopThrough(group: readonly string[], next: ReadonlyMap<string, string[]>): string[] {
  const inside = new Set(group);
  const start = group[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of next.get(node) ?? []) {
      if (!inside.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return path;
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [...group];
}
