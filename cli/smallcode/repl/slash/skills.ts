import { discoverSkills, PROJECT_SKILL_DIRS } from "../../knowledge/skills.ts";
import { formatProblem } from "../../tools/untrusted-files.ts";
import { inert } from "../stream-filter.ts";
import type { SlashCommand } from "./types.ts";

/** `/skills`: the installed skills (name, where, description) and what is wrong with the others. */
export const skills: SlashCommand = {
  name: "skills",
  usage: "/skills",
  description: "list the skills the model can load, and problems with skill files",
  run(ctx) {
    const dir = ctx.agentOptions.knowledge?.userConfigDir;
    const found = discoverSkills(ctx.cwd, dir);
    const where = [...(dir ? [`${dir}/skills`] : []), ...PROJECT_SKILL_DIRS].join(", ");
    const lines =
      found.skills.length === 0
        ? [`no skills: put a folder with a SKILL.md (front matter: name, description) in ${where}`]
        : [
            `${found.skills.length} ${found.skills.length === 1 ? "skill" : "skills"} (the model sees names and descriptions, and loads one with the skill tool):`,
            ...found.skills.map(
              (s) =>
                `  ${inert(s.name)}  ${s.scope}  ${inert(s.shownPath)}\n    ${inert(s.description)}${s.whenToUse ? `\n    use when: ${inert(s.whenToUse)}` : ""}`,
            ),
          ];
    if (found.problems.length > 0)
      lines.push("problems:", ...found.problems.map((p) => `  ${inert(formatProblem(p))}`));
    ctx.say(lines.join("\n"));
  },
};
