import { ALLOW, type Guard, type GuardContext, type GuardVerdict } from "../contract/index.ts";
import { refuse } from "../guard-kit/calls.ts";
import { findEscape } from "./confine.ts";
import { type CommandPlace, type Danger, findDangers, isAllowed } from "./destructive.ts";
import { findOpaque } from "./opaque.ts";
import { registerEnvSecrets, registerFileSecrets } from "./secrets.ts";

/**
 * The safety guard, over every command the agent runs (`bash`, and `run_tests` with a command):
 * destructive commands need the user's confirmation (refused under `--yes` unless the configuration
 * allows them); so do opaque shapes (`opaque.ts`: code built at run time, inline interpreter code,
 * scripts the task wrote) where the sandbox does not protect the snapshots and `.git`; otherwise a
 * command that leaves the project is refused unless its path is allowed. It fails closed: a check that
 * throws refuses the command.
 * At the start of each task it registers the secrets of the environment and of the project's dotenv
 * files with the runtime's redactor.
 */

/** Switch name of this guard. */
export const SAFETY = "safety";

/** What the user is asked to confirm. */
export interface ConfirmRequest {
  /** The whole command line. */
  readonly command: string;
  /** Every destructive part found, with what it would do. */
  readonly dangers: readonly Danger[];
}

/** Options of the safety guard. */
export interface SafetyOptions {
  /** Asks the user; true runs the command. Without it (and without `yes`), dangers are refused. */
  readonly confirm?: (request: ConfirmRequest) => boolean | Promise<boolean>;
  /** `--yes`: nobody is asked, so destructive commands are refused unless allowed below. */
  readonly yes?: boolean;
  /** `allow_destructive`: rule ids (`git-reset-hard`), command prefixes (`rm -rf dist`), or `*`. */
  readonly allowDestructive?: readonly string[];
  /** Absolute paths outside the project the shell may write or enter; `true`: anywhere. */
  readonly allowOutside?: readonly string[] | boolean;
  /** The shell's current directory (relative paths in commands are resolved from it). */
  readonly shellCwd?: () => string | undefined;
  /** Register environment and project-file secrets with the redactor at task start. Default true. */
  readonly registerSecrets?: boolean;
  /**
   * Whether commands run in the sandbox with `.git` and `.smallcode` read-only, so opaque shapes
   * cannot reach what undo needs; they run without asking then. Default: not sandboxed.
   */
  readonly sandboxed?: () => boolean;
}

/** The command line a call runs, if it runs one. */
export function commandOf(call: {
  name: string;
  arguments: Readonly<Record<string, unknown>>;
}): string | undefined {
  const command = call.arguments.command;
  if (
    (call.name === "bash" || call.name === "run_tests") &&
    typeof command === "string" &&
    command.trim() !== ""
  )
    return command;
  return undefined;
}

/** What the policy says about one command line, before anyone is asked. */
export type Assessment =
  | { readonly kind: "ok" }
  | { readonly kind: "confirm"; readonly dangers: readonly Danger[] }
  | { readonly kind: "refuse"; readonly message: string };

/**
 * Judges a command line: allowed, needs confirmation (with the dangers), or refused (with why). Never
 * throws: a check that fails refuses the command.
 * @param written project-relative paths the task created or changed (scripts it wrote)
 */
export function assessCommand(
  command: string,
  where: CommandPlace,
  options: SafetyOptions = {},
  written?: ReadonlySet<string>,
): Assessment {
  try {
    return assess(command, where, options, written);
  } catch (e) {
    return {
      kind: "refuse",
      message: `refused: the safety check of this command failed (${e instanceof Error ? e.message : String(e)}), so it was not run. Try a simpler command.`,
    };
  }
}

function assess(
  command: string,
  where: CommandPlace,
  options: SafetyOptions,
  written?: ReadonlySet<string>,
): Assessment {
  const allowed = options.allowDestructive ?? [];
  const found = findDangers(command, where);
  if (!(options.sandboxed?.() ?? false)) found.push(...findOpaque(command, where, written));
  const dangers = found.filter((d) => !isAllowed(d, allowed));
  if (dangers.length > 0) return { kind: "confirm", dangers };
  if (options.allowOutside === true) return { kind: "ok" };
  const leaves = findEscape(command, where, options.allowOutside || []);
  if (leaves) {
    return {
      kind: "refuse",
      message:
        `refused: this command ${leaves.action} \`${leaves.path}\`, outside the project; the shell stays inside ` +
        "the project. Work with files inside the project (use relative paths), or ask the user to allow that path.",
    };
  }
  return { kind: "ok" };
}

function describe(dangers: readonly Danger[]): string {
  return dangers.map((d) => `\`${d.command}\` ${d.reason}`).join("; ");
}

/** Creates the safety guard. */
export function safetyGuard(options: SafetyOptions = {}): Guard {
  let confirmed = new Set<string>();

  return {
    name: SAFETY,
    // a safety check that fails must not let the call through unchecked
    failClosed: true,

    async start(ctx) {
      confirmed = new Set();
      if (options.registerSecrets === false) return;
      registerEnvSecrets();
      await registerFileSecrets(ctx.cwd);
    },

    async beforeTool(call, ctx): Promise<GuardVerdict> {
      try {
        return await judge(call, ctx);
      } catch (e) {
        // fail closed: a command the guard could not judge does not run
        return refuse(
          `refused: the safety check failed (${e instanceof Error ? e.message : String(e)}), so the command was not run.`,
        );
      }
    },
  };

  async function judge(
    call: Parameters<NonNullable<Guard["beforeTool"]>>[0],
    ctx: GuardContext,
  ): Promise<GuardVerdict> {
    const command = commandOf(call);
    if (command === undefined) return ALLOW;
    const where = { root: ctx.cwd, cwd: options.shellCwd?.() ?? ctx.cwd };
    const verdict = assessCommand(command, where, options, new Set(ctx.filesChanged));
    if (verdict.kind === "ok") return ALLOW;
    if (verdict.kind === "refuse") return refuse(verdict.message);
    if (confirmed.has(command)) return ALLOW;
    const what = describe(verdict.dangers);
    if (options.yes) {
      const opaque = verdict.dangers.every((d) => d.opaque);
      return refuse(
        `refused: ${what}. That needs the user's confirmation, and --yes does not give it` +
          (opaque ? " (the shell is not sandboxed, so nothing would protect the snapshots and .git)" : "") +
          "; do it another way (plain commands on named files), or leave it to the user (they can allow it with [shell] allow_destructive).",
      );
    }
    if (!options.confirm) {
      return refuse(`refused: ${what}. That needs the user's confirmation, and nobody can confirm here.`);
    }
    let ok = false;
    try {
      ok = await options.confirm({ command, dangers: verdict.dangers });
    } catch {
      ok = false;
    }
    if (!ok)
      return refuse(`refused: the user declined to run it (${what}). Do not try it again another way.`);
    confirmed.add(command);
    return ALLOW;
  }
}
