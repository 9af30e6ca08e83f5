import type { WebSettings } from "../contract/options.ts";
import { ConfigError } from "./errors.ts";
import type { TomlLayer } from "./files.ts";

/**
 * `[web]` in the user's config: `enabled` turns web_fetch on, `allow_hosts` lists hosts it may reach
 * on loopback, private or link-local addresses (a local docs server). Both let the model reach the
 * network with what it read in the project, so a project file can set neither: a `[web]` table in
 * `smallcode.toml` is refused with its file, line and key, trusted project or not.
 */

/** The keys of `[web]`. */
export const WEB_KEYS = ["enabled", "allow_hosts"] as const;

const EXAMPLE = '[web]\nenabled = true\nallow_hosts = ["localhost"]';

function bad(layer: TomlLayer, path: readonly string[], message: string, fix: string): never {
  throw new ConfigError(message, { where: layer.file, line: layer.lineOf(path), key: path.join("."), fix });
}

/** Checks the shape of a `[web]` table. @throws ConfigError naming the file, line and key */
export function checkWebTable(layer: TomlLayer, raw: unknown): void {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    bad(layer, ["web"], "`web` must be a table", `write it as\n${EXAMPLE}`);
  for (const [key, value] of Object.entries(raw)) {
    if (key === "enabled") {
      if (typeof value !== "boolean")
        bad(layer, ["web", key], "`web.enabled` must be true or false", "write `enabled = true`");
    } else if (key === "allow_hosts") {
      const hosts = Array.isArray(value) && value.every((h) => typeof h === "string" && h.trim() !== "");
      if (!hosts)
        bad(
          layer,
          ["web", key],
          "`web.allow_hosts` must be a list of host names",
          'write `allow_hosts = ["localhost"]`',
        );
    } else
      bad(
        layer,
        ["web", key],
        `unknown key \`${key}\` in [web]`,
        `remove it; [web] takes ${WEB_KEYS.join(", ")}`,
      );
  }
}

/**
 * The web settings in force, from the user's config only. @throws ConfigError (PROJECT_NOT_TRUSTED)
 * when the project file has a `[web]` table
 */
export function resolveWeb(
  project: TomlLayer | undefined,
  user: TomlLayer | undefined,
  userFile: string,
): WebSettings | undefined {
  const table = project?.data.web as Record<string, unknown> | undefined;
  if (project && table !== undefined) {
    const key = Object.keys(table)[0];
    const path = key === undefined ? ["web"] : ["web", key];
    throw new ConfigError(
      `a project file cannot configure web_fetch (\`${path.join(".")}\`): it would let the model reach the network, or hosts on your machine and network`,
      {
        code: "PROJECT_NOT_TRUSTED",
        where: project.file,
        line: project.lineOf(path),
        key: path.join("."),
        fix: `remove [web] from ${project.file}; if you want web_fetch, enable it in your own config, ${userFile}:\n${EXAMPLE}`,
      },
    );
  }
  const mine = user?.data.web as { enabled?: boolean; allow_hosts?: string[] } | undefined;
  if (!mine) return undefined;
  return {
    enabled: mine.enabled === true,
    allowHosts: (mine.allow_hosts ?? []).map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, "$1"),
    ),
  };
}
