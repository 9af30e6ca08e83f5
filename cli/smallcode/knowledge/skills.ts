import { type Dirent, readdirSync } from "node:fs";
import { join } from "node:path";
import { within } from "../tools/real-path.ts";
import { type KnowledgeProblem, readText, realOrNone, shown } from "../tools/untrusted-files.ts";
import { parseFrontMatter } from "./front-matter.ts";

/**
 * Skills: folders holding a `SKILL.md` (front matter with a name, a one-line description and when to
 * use it; instructions below), found in the user's `~/.config/smallcode/skills` and the project's
 * `.smallcode/skills`, `.claude/skills` and `.agents/skills`. Only names and descriptions go into the
 * prompt; the body is read when the model asks for it through the `skill` tool.
 *
 * Project skills are text from a cloned repository: size-capped, never read through a link that
 * leaves the project, names checked, and front-matter keys that would grant tools (`allowed-tools`)
 * ignored with a diagnostic. A skill is instructions to read, nothing more.
 */

/** One installed skill. */
export interface Skill {
  /** Lower-case name the model calls it by. */
  readonly name: string;
  readonly description: string;
  /** The front matter's `when_to_use`, when given. */
  readonly whenToUse?: string;
  /** Absolute path of its SKILL.md. */
  readonly file: string;
  /** Its path as people read it (project-relative, or under the user's folder). */
  readonly shownPath: string;
  readonly scope: "project" | "user";
}

/** The skills found, and what was wrong with the ones left out or read in part. */
export interface SkillSet {
  readonly skills: readonly Skill[];
  readonly problems: readonly KnowledgeProblem[];
}

/** Folders of project skills, relative to the project root, in the order they are searched. */
export const PROJECT_SKILL_DIRS = [".smallcode/skills", ".claude/skills", ".agents/skills"] as const;

/** Largest SKILL.md read. */
export const MAX_SKILL_BYTES = 64 * 1024;
/** Most skill folders looked at per root (a hostile checkout may hold thousands). */
const MAX_FOLDERS = 200;
/** A skill name: letters, digits, `-`, `_`, `.`; no path separators or `..`. */
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Front-matter keys of other agents that grant tools or permissions: read, never obeyed. */
const GRANTING_KEYS = ["allowed_tools", "tools", "permissions", "allow", "model"];

/** Whether `name` is a valid skill name (lower-cased). */
export function validSkillName(name: string): boolean {
  return NAME.test(name) && !name.includes("..");
}

interface Root {
  readonly dir: string;
  readonly scope: "project" | "user";
}

function roots(cwd: string, userConfigDir: string | undefined): Root[] {
  const user: Root[] = userConfigDir ? [{ dir: join(userConfigDir, "skills"), scope: "user" }] : [];
  // the user's own skills come first: a cloned project cannot shadow one of them by name
  return [...user, ...PROJECT_SKILL_DIRS.map((d) => ({ dir: join(cwd, d), scope: "project" as const }))];
}

function folders(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_FOLDERS);
  } catch {
    return [];
  }
}

/** Reads one SKILL.md's front matter into a skill, or problems. */
function readSkill(
  file: string,
  folder: string,
  root: Root,
  project: string,
  base: string | undefined,
): { skill?: Skill; problems: KnowledgeProblem[] } {
  const confine = root.scope === "project" ? project : undefined;
  const read = readText(file, MAX_SKILL_BYTES, confine, base);
  const where = shown(file, base);
  if (!read.ok) return { problems: read.problem ? [read.problem] : [] };
  const fm = parseFrontMatter(read.text);
  const problem = (
    code: KnowledgeProblem["code"],
    line: number,
    message: string,
    hint: string,
  ): KnowledgeProblem => ({ code, file: where, line, message, hint });
  if (!fm.ok) return { problems: [problem("BAD_FRONT_MATTER", fm.line, fm.message, fm.hint)] };
  const problems: KnowledgeProblem[] = [];
  const nameField = fm.fields.get("name");
  const name = (nameField?.value ?? folder).trim().toLowerCase();
  if (!validSkillName(name))
    return {
      problems: [
        problem(
          "BAD_NAME",
          nameField?.line ?? 1,
          `skill name \`${name.slice(0, 80)}\` is not allowed`,
          "use letters, digits, -, _ and . only (at most 64), e.g. `name: release-notes`",
        ),
      ],
    };
  const description = fm.fields.get("description")?.value.replace(/\s+/g, " ").trim() ?? "";
  if (description === "")
    return {
      problems: [
        problem(
          "BAD_FRONT_MATTER",
          1,
          "has no `description`",
          "add `description: what the skill does, in one line` to the front matter",
        ),
      ],
    };
  for (const key of GRANTING_KEYS) {
    const field = fm.fields.get(key);
    if (field)
      problems.push(
        problem(
          "IGNORED_KEY",
          field.line,
          `\`${key.replace(/_/g, "-")}\` is ignored: a skill cannot grant tools, choose the model or change SmallCode's guards`,
          "remove it; the model's tools are chosen by SmallCode for each task",
        ),
      );
  }
  const when = (fm.fields.get("when_to_use") ?? fm.fields.get("when"))?.value.replace(/\s+/g, " ").trim();
  const skill: Skill = {
    name,
    description,
    ...(when ? { whenToUse: when } : {}),
    file,
    shownPath: where,
    scope: root.scope,
  };
  return { skill, problems };
}

/**
 * Finds the installed skills: the user's (`userConfigDir/skills`) first, then the project's folders.
 * A name found twice keeps its first skill and reports the other. Never throws.
 */
export function discoverSkills(cwd: string, userConfigDir?: string): SkillSet {
  const project = realOrNone(cwd) ?? cwd;
  const skills: Skill[] = [];
  const problems: KnowledgeProblem[] = [];
  const seen = new Map<string, Skill>();
  for (const root of roots(cwd, userConfigDir)) {
    const base = root.scope === "project" ? cwd : undefined;
    const real = realOrNone(root.dir);
    if (real === undefined) continue;
    if (root.scope === "project" && !within(real, project)) {
      problems.push({
        code: "LINK_OUTSIDE",
        file: shown(root.dir, base),
        line: 1,
        message: `is a link to ${real}, outside the project`,
        hint: "SmallCode reads project skills only from inside the project; replace the link with the folder",
      });
      continue;
    }
    for (const entry of folders(root.dir)) {
      const file = join(root.dir, entry.name, "SKILL.md");
      const found = readSkill(file, entry.name.toLowerCase(), root, project, base);
      problems.push(...found.problems);
      const skill = found.skill;
      if (!skill) continue;
      const first = seen.get(skill.name);
      if (first) {
        problems.push({
          code: "DUPLICATE",
          file: skill.shownPath,
          line: 1,
          message: `skill \`${skill.name}\` is also at ${first.shownPath}, which is used`,
          hint: "rename one of them",
        });
        continue;
      }
      seen.set(skill.name, skill);
      skills.push(skill);
    }
  }
  return { skills, problems };
}

/** A skill's instructions (the text after the front matter), read again now, or why not. */
export function skillBody(
  skill: Skill,
  cwd: string,
): { ok: true; body: string } | { ok: false; why: string } {
  const confine = skill.scope === "project" ? (realOrNone(cwd) ?? cwd) : undefined;
  const read = readText(skill.file, MAX_SKILL_BYTES, confine, skill.scope === "project" ? cwd : undefined);
  if (!read.ok)
    return {
      ok: false,
      why: read.problem ? `${skill.shownPath}: ${read.problem.message}` : "it was removed",
    };
  const fm = parseFrontMatter(read.text);
  if (!fm.ok) return { ok: false, why: `${skill.shownPath}:${fm.line}: ${fm.message}` };
  return { ok: true, body: fm.body.trim() };
}
