import { didYouMean } from "../../compiler/diagnostics/suggest.ts";
import { TIME_LIMIT_EXPECTED, timeLimitMs } from "./time-limit.ts";

/**
 * The option table both CLIs (`marrowc`, `smallcode`) parse with: a typed definition per option and one
 * pure parser, so the two commands agree on `--name value`, `--name=value`, `-x`, `--` and their errors.
 */

/** One option of a command. */
export interface OptionDef {
  /** Long name without dashes: `base-url` for `--base-url`. */
  readonly name: string;
  readonly short?: string;
  /** `int` is a positive whole number; `choice` one of `choices`; `duration` a time limit in ms (time-limit.ts). */
  readonly type: "boolean" | "string" | "int" | "choice" | "duration";
  readonly choices?: readonly string[];
  /** Placeholder shown in help for options with a value. */
  readonly value?: string;
  readonly description: string;
  /** The value may itself start with `-` (a task text such as `-p "-v flag is broken"`). */
  readonly dashValue?: boolean;
}

export type OptionValue = string | number | boolean;
export type OptionValues = Map<string, OptionValue>;

export type ParsedOptions =
  | { readonly ok: true; readonly values: OptionValues; readonly positionals: string[] }
  | { readonly ok: false; readonly error: string };

/** ` (did you mean `x`?)` for the closest candidate, or nothing. */
export function suggestion(name: string, candidates: readonly string[]): string {
  const [best] = didYouMean(name, candidates, 1);
  return best ? ` (did you mean \`${best}\`?)` : "";
}

function convert(
  opt: OptionDef,
  raw: string,
): { ok: true; value: OptionValue } | { ok: false; error: string } {
  if (opt.type === "int") {
    if (!/^\d+$/.test(raw) || Number(raw) < 1) {
      return { ok: false, error: `option \`--${opt.name}\` needs a positive whole number, got \`${raw}\`` };
    }
    return { ok: true, value: Number(raw) };
  }
  if (opt.type === "duration") {
    const ms = timeLimitMs(raw);
    if (ms === undefined)
      return { ok: false, error: `option \`--${opt.name}\` needs ${TIME_LIMIT_EXPECTED}, got \`${raw}\`` };
    return { ok: true, value: ms };
  }
  if (opt.type === "choice" && !opt.choices!.includes(raw)) {
    const hint = suggestion(raw, opt.choices!);
    return {
      ok: false,
      error: `option \`--${opt.name}\` must be one of ${opt.choices!.join(", ")}, got \`${raw}\`${hint}`,
    };
  }
  return { ok: true, value: raw };
}

/**
 * Parses `argv` against `options`. `invocation` names the command in errors (`marrowc build`). Pure:
 * unknown options (with a did-you-mean), repeats, missing or empty values and bad numbers or choices
 * come back as an error message.
 */
export function parseOptions(
  options: readonly OptionDef[],
  argv: readonly string[],
  invocation: string,
): ParsedOptions {
  const values: OptionValues = new Map();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const key = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const found = key.startsWith("--")
      ? options.find((o) => o.name === key.slice(2))
      : options.find((o) => o.short !== undefined && o.short === key.slice(1));
    if (!found) {
      const names = options.map((o) => `--${o.name}`);
      return { ok: false, error: `unknown option \`${key}\` for \`${invocation}\`${suggestion(key, names)}` };
    }
    if (values.has(found.name)) return { ok: false, error: `option \`--${found.name}\` given twice` };
    if (found.type === "boolean") {
      if (inline !== undefined) return { ok: false, error: `option \`--${found.name}\` takes no value` };
      values.set(found.name, true);
      continue;
    }
    const raw = inline ?? argv[++i];
    const looksLikeOption = !found.dashValue && raw !== undefined && raw.startsWith("-") && raw !== "-";
    if (raw === undefined || (inline === undefined && looksLikeOption)) {
      return { ok: false, error: `option \`--${found.name}\` needs a value (${found.value ?? "VALUE"})` };
    }
    if (raw.trim() === "") return { ok: false, error: `option \`--${found.name}\` needs a non-empty value` };
    const value = convert(found, raw);
    if (!value.ok) return value;
    values.set(found.name, value.value);
  }
  return { ok: true, values, positionals };
}
