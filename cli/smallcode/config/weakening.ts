import type { TomlLayer } from "./files.ts";
import { coerce } from "./keys.ts";
import type { Origin, ResolvedConfig, Sourced } from "./resolve.ts";
import { fromProject, refusal, type SettingAt, trustFix } from "./trust.ts";

/**
 * The settings an untrusted project may not decide: approving actions without asking (`yes`), the
 * shell policy (`[shell] sandbox = false`, `allow_network = true`, `allow_destructive`, `pass_env`), switching off
 * the safety and snapshot guards, and a `base_url` that would take the user's API key along. Each is
 * refused where the project's value is the one in force and weaker than what the user's own
 * configuration says; the refusal names the file, the line and the key.
 */

/** Guards whose switching off weakens safety (the others tune quality, not protection). */
export const SAFETY_GUARDS: readonly string[] = ["safety", "snapshots"];

/** What the check looks at. */
export interface ProjectView {
  readonly cwd: string;
  /** The user config file (existing or not), named in fixes. */
  readonly userFile: string;
  readonly user: TomlLayer | undefined;
  readonly values: ResolvedConfig["values"];
  readonly shell: ResolvedConfig["shell"];
  readonly guards: ResolvedConfig["guards"];
}

/** Where a project value sits: its file, line and key as written (`SMALLCODE_YES`, `shell.sandbox`). */
function at(origin: Origin, tomlKey: string): SettingAt {
  if (origin.kind === "dotenv") return { file: origin.file, line: origin.line, key: origin.name };
  if (origin.kind === "file") return { file: origin.file, line: origin.line, key: tomlKey };
  return { file: "(unknown)", line: 1, key: tomlKey };
}

/** Where a value came from, in words, for messages. */
function source(origin: Origin): string {
  switch (origin.kind) {
    case "flag":
      return origin.name;
    case "env":
      return `environment variable ${origin.name}`;
    case "dotenv":
    case "file":
      return `${origin.file}:${origin.line}`;
    case "default":
      return "the default";
  }
}

function userTable(user: TomlLayer | undefined, name: string): Readonly<Record<string, unknown>> {
  const raw = user?.data[name];
  return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
}

/** Refuses the first weakening project setting (see the module comment). @throws ConfigError */
export function checkProjectSettings(view: ProjectView): void {
  const { values, shell, guards, cwd, userFile } = view;
  const fix = (alternative: string) => trustFix(cwd, userFile, alternative);
  const project = <T>(s: Sourced<T> | undefined): s is Sourced<T> => s !== undefined && fromProject(s.origin);

  if (project(values.yes) && values.yes.value === true) {
    throw refusal(
      at(values.yes.origin, "yes"),
      "`yes = true` would approve every risky action without asking; a project cannot switch confirmations off",
      fix("remove it and pass --yes yourself when you want it"),
    );
  }

  const mine = userTable(view.user, "shell");
  const inUser = `set it under [shell] in ${userFile} (it then applies to every project)`;
  if (project(shell.sandbox) && shell.sandbox.value === false && mine.sandbox !== false) {
    throw refusal(
      at(shell.sandbox.origin, "shell.sandbox"),
      "`[shell] sandbox = false` would run the model's commands outside the sandbox; a project cannot switch the sandbox off",
      fix(`remove the line, or ${inUser}`),
    );
  }
  if (project(shell.allow_network) && shell.allow_network.value === true && mine.allow_network !== true) {
    throw refusal(
      at(shell.allow_network.origin, "shell.allow_network"),
      "`[shell] allow_network = true` would let the model's commands reach the network; a project cannot open it",
      fix(`remove the line, or ${inUser}`),
    );
  }
  if (project(shell.allow_destructive)) {
    const allowed = Array.isArray(mine.allow_destructive) ? (mine.allow_destructive as string[]) : [];
    const extra = shell.allow_destructive.value.filter((c) => !allowed.includes(c));
    if (extra.length > 0) {
      throw refusal(
        at(shell.allow_destructive.origin, "shell.allow_destructive"),
        `\`[shell] allow_destructive\` would let ${extra.map((c) => `\`${c}\``).join(", ")} run without being refused; a project cannot allow destructive commands`,
        fix(`remove it, or ${inUser}`),
      );
    }
  }

  if (project(shell.pass_env)) {
    const mineToo = Array.isArray(mine.pass_env) ? (mine.pass_env as string[]) : [];
    const extra = shell.pass_env.value.filter((n) => !mineToo.includes(n));
    if (extra.length > 0) {
      throw refusal(
        at(shell.pass_env.origin, "shell.pass_env"),
        `\`[shell] pass_env\` would hand your ${extra.map((n) => `\`${n}\``).join(", ")} to the model's commands (and so to the model); a project cannot pick which of your environment variables commands see`,
        fix(`remove it, or ${inUser}`),
      );
    }
  }

  const myGuards = userTable(view.user, "guards");
  for (const name of SAFETY_GUARDS) {
    const g = guards[name];
    if (project(g) && g.value === false && myGuards[name] !== false) {
      throw refusal(
        at(g.origin, `guards.${name}`),
        `\`[guards] ${name} = false\` would switch off the ${name === "snapshots" ? "snapshots that make /undo work" : "destructive-command guard"}; a project cannot switch off protection`,
        fix(`remove the line, or set it under [guards] in ${userFile}`),
      );
    }
  }

  checkKeyDestination(view);
}

/** The key goes only to an endpoint configured at its own level or a more trusted one. */
function checkKeyDestination(view: ProjectView): void {
  const base = view.values.base_url;
  const key = view.values.api_key;
  if (!base || !key || !fromProject(base.origin) || fromProject(key.origin)) return;
  const mine = coerce("url", view.user?.data.base_url, false);
  if (mine.ok && mine.value === base.value) return; // the user configured this very endpoint
  throw refusal(
    at(base.origin, "base_url"),
    `\`base_url\` sends requests to ${base.value}, and your API key (from ${source(key.origin)}) would go with them; a project cannot send your key to an endpoint of its choosing`,
    trustFix(
      view.cwd,
      view.userFile,
      `remove \`base_url\` from the project file, or pass --base-url ${base.value} if you mean to send your key there`,
    ),
  );
}
