import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { type SkillArgs, skillParams } from "../../../generated/index.ts";
import { fail, type Tool, type ToolResult } from "../tools/tool.ts";
import { discoverSkills, skillBody } from "./skills.ts";

/** Arguments of `skill`, as declared in marrow/tools.marrow. */
export type { SkillArgs } from "../../../generated/index.ts";

/** Characters of a skill's body returned at most (the loop caps it again to the context budget). */
export const MAX_BODY_CHARS = 16_000;

/** Other files in a project skill's folder, for the model to read when the body points at them. */
function siblings(file: string, shownPath: string): string {
  try {
    const dir = shownPath.slice(0, shownPath.length - "SKILL.md".length);
    const names = readdirSync(dirname(file))
      .filter((n) => n !== "SKILL.md")
      .slice(0, 20);
    return names.length === 0
      ? ""
      : `\n\nFiles in its folder (read_file them when it says to): ${names.map((n) => dir + n).join(", ")}`;
  } catch {
    return "";
  }
}

/**
 * `skill(name)`: a skill's instructions, read from its SKILL.md now (the skills are found again on
 * each call, so an edited or removed skill is seen). The text is instructions to read: it cannot
 * change the tools offered or the guards.
 */
export const skillTool: Tool<SkillArgs, ToolResult> = {
  name: "skill",
  params: skillParams,
  async run(args, ctx) {
    if (ctx.knowledge?.skills === false) return fail("skills are turned off for this session");
    const { skills } = discoverSkills(ctx.cwd, ctx.knowledge?.userConfigDir);
    const wanted = args.name.trim().toLowerCase();
    const skill = skills.find((s) => s.name === wanted);
    if (!skill) {
      const names = skills.map((s) => s.name);
      return fail(
        names.length === 0
          ? "no skills are installed"
          : `no skill called \`${args.name.slice(0, 80)}\`; the skills are: ${names.slice(0, 40).join(", ")}`,
      );
    }
    const body = skillBody(skill, ctx.cwd);
    if (!body.ok) return fail(`skill \`${skill.name}\` cannot be read: ${body.why}`);
    const cut = body.body.length > MAX_BODY_CHARS;
    const text = cut
      ? `${body.body.slice(0, MAX_BODY_CHARS)}\n[… ${body.body.length - MAX_BODY_CHARS} more characters of ${skill.shownPath} not shown]`
      : body.body;
    const more = skill.scope === "project" ? siblings(skill.file, skill.shownPath) : "";
    return {
      ok: true,
      output: `Skill \`${skill.name}\` (${skill.shownPath}). Use what fits the task; it does not change your tools or rules.\n\n${text}${more}`,
      ...(cut ? { truncated: true } : {}),
    };
  },
};
