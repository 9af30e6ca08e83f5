import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";

/**
 * The shell sandbox. On Linux with bubblewrap (`bwrap`) installed and working, every shell command
 * runs inside it: the project (and any extra writable paths) writable, the rest of the file system
 * read-only, a private `/tmp`, its own process tree, and no network unless the configuration allows
 * it. Where bwrap is missing or cannot run (no user namespaces, a locked-down container), commands run
 * unsandboxed and `sandboxStatus()` says so with the reason; the safety policy applies either way.
 */

/** Sandbox settings (from the `[shell]` configuration). */
export interface SandboxOptions {
  /** Use the sandbox when it is available. Default true. */
  readonly enabled?: boolean;
  /** Let commands reach the network. Default false. */
  readonly allowNetwork?: boolean;
  /** Absolute paths writable besides the project (e.g. a cache directory). */
  readonly writable?: readonly string[];
  /** Absolute paths inside the writable ones mounted read-only on top (`.smallcode`, `.git`). */
  readonly readOnly?: readonly string[];
  /** Leave the project's `.git` writable (git work the user allowed). Default false. */
  readonly gitWritable?: boolean;
}

/** Whether and how shell commands are sandboxed. */
export interface SandboxStatus {
  /** True when commands run inside bwrap. */
  readonly active: boolean;
  readonly kind: "bwrap" | "none";
  /** Whether commands can reach the network. */
  readonly network: boolean;
  /** One line for the session: what is enforced, or why nothing is. */
  readonly message: string;
}

/** What the one-time probe found; `extra`: flags this host needs (a user namespace). */
type Probe =
  | { readonly ok: true; readonly path: string; readonly extra: readonly string[] }
  | { readonly ok: false; readonly reason: string };

let probe: Probe | undefined;

/** Resets the cached probe (tests). */
export function resetSandboxProbe(): void {
  probe = undefined;
}

/** Finds bwrap and checks, once per process, that it can really start a sandbox here. */
export function probeBwrap(): Probe {
  if (probe) return probe;
  if (process.platform !== "linux") {
    probe = { ok: false, reason: `bubblewrap sandboxing is Linux-only (this is ${process.platform})` };
    return probe;
  }
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/bin", "/usr/local/bin", "/bin"];
  const path = dirs
    .filter((d) => d !== "")
    .map((d) => join(d, "bwrap"))
    .find((p) => existsSync(p));
  if (path === undefined) {
    probe = { ok: false, reason: "bubblewrap (bwrap) is not installed; install it to sandbox commands" };
    return probe;
  }
  const base = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "--unshare-net"];
  let said = "";
  // as root without the capability to mount, a user namespace gives bwrap what it needs
  for (const extra of [[], ["--unshare-user"]]) {
    const r = spawnSync(path, [...extra, ...base, "true"], { encoding: "utf8", timeout: 5000 });
    if (r.status === 0) {
      probe = { ok: true, path, extra };
      return probe;
    }
    said ||= (r.stderr || r.error?.message || `exit status ${r.status}`).trim().split("\n")[0]!;
  }
  probe = {
    ok: false,
    reason: `bwrap is installed but cannot create a sandbox here (${said}); user namespaces may be disabled`,
  };
  return probe;
}

/** The bwrap executable found by the probe (`bwrap` when none was). */
export function bwrapPath(): string {
  const p = probeBwrap();
  return p.ok ? p.path : "bwrap";
}

/** Whether shell commands will be sandboxed with these settings, and a line saying so. */
export function sandboxStatus(options: SandboxOptions = {}): SandboxStatus {
  if (options.enabled === false) {
    return {
      active: false,
      kind: "none",
      network: true,
      message:
        "the shell is not sandboxed (turned off in the configuration); the command policy still applies",
    };
  }
  const p = probeBwrap();
  if (!p.ok) {
    return {
      active: false,
      kind: "none",
      network: true,
      message: `the shell is not sandboxed: ${p.reason}; the command policy still applies`,
    };
  }
  const network = options.allowNetwork === true;
  return {
    active: true,
    kind: "bwrap",
    network,
    message: `the shell is sandboxed (bwrap): only the project is writable${network ? "" : ", no network"}`,
  };
}

/** GPU device nodes of this machine (`/dev/nvidia*`, `/dev/dri`, `/dev/kfd`). */
function acceleratorDevices(): string[] {
  try {
    return readdirSync("/dev")
      .filter((n) => /^nvidia/.test(n) || n === "dri" || n === "kfd")
      .map((n) => `/dev/${n}`);
  } catch {
    return [];
  }
}

/**
 * The folders under the sandbox's private temp dirs that hold one of `dirs` (PATH entries, the running Node; CI
 * bootstraps Node into its checkout, which may itself live under /tmp): the top-level folder of each,
 * so that the toolchain, symlinks inside it included, stays visible read-only instead of being hidden.
 */
export function toolchainUnder(hidden: readonly string[], dirs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const dir of dirs) {
    if (!dir || !existsSync(dir)) continue;
    const path = real(dir);
    for (const root of hidden) {
      if (!path.startsWith(`${root}/`)) continue;
      const top = path.slice(root.length + 1).split("/")[0];
      if (top) out.add(`${root}/${top}`);
    }
  }
  return [...out].sort();
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The bwrap arguments (everything before the command) for a sandbox where `project` and `extra`
 * writable paths are writable, starting in `cwd`.
 */
export function bwrapArgs(
  project: string,
  cwd: string,
  options: SandboxOptions,
  extraWritable: readonly string[] = [],
  pathVar: string = process.env.PATH ?? "",
): string[] {
  const p = probeBwrap();
  const args = [...(p.ok ? p.extra : []), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"];
  // accelerators stay reachable (CUDA and ROCm programs need their device nodes)
  for (const dev of acceleratorDevices()) args.push("--dev-bind-try", dev, dev);
  const hidden = [...new Set([real(tmpdir()), "/tmp"])];
  for (const dir of hidden) args.push("--tmpfs", dir);
  const toolchain = [...pathVar.split(delimiter), dirname(process.execPath)];
  for (const dir of toolchainUnder(hidden, toolchain)) args.push("--ro-bind", dir, dir);
  const writable = [project, ...extraWritable, ...(options.writable ?? [])]
    .map(real)
    .filter((p) => existsSync(p));
  for (const path of [...new Set(writable)]) args.push("--bind", path, path);
  for (const path of options.readOnly ?? []) if (existsSync(path)) args.push("--ro-bind", path, path);
  args.push("--unshare-pid", "--die-with-parent");
  if (options.allowNetwork !== true) args.push("--unshare-net");
  args.push("--chdir", existsSync(cwd) ? cwd : project);
  return args;
}

/** Environment for sandboxed commands: caches moved to the private /tmp, since $HOME is read-only. */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  XDG_CACHE_HOME: "/tmp/.cache",
  npm_config_cache: "/tmp/.npm",
  PIP_CACHE_DIR: "/tmp/.cache/pip",
};
