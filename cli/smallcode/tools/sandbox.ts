import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { mountPlan, real, toolchainDirs } from "./sandbox-mounts.ts";

/**
 * The shell sandbox. On Linux with bubblewrap (`bwrap`) installed and working, every shell command
 * runs inside it: the project (and any extra writable paths) writable, the rest of the file system
 * read-only, secrets and the host's Unix sockets hidden (`sandbox-mounts.ts`), a private `/tmp` and
 * `/run`, its own process tree, user, IPC and host name, no capabilities (as root: user `nobody` in a
 * user namespace), and no network unless the configuration allows it. A bwrap that cannot drop every
 * capability counts as unavailable. Where bwrap is missing or cannot run (no user namespaces, a
 * locked-down container), commands run unsandboxed and `sandboxStatus()` says so with the reason;
 * the command policy and the environment allow-list (`shell-env.ts`) apply either way.
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
  /** More of the user's environment variables passed to commands (`[shell] pass_env`); not a sandbox setting, carried with them. */
  readonly passEnv?: readonly string[];
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

/**
 * What the one-time probe found; `extra`: the flags that worked here (a user namespace, the uid,
 * dropping every capability).
 */
type Probe =
  | { readonly ok: true; readonly path: string; readonly extra: readonly string[] }
  | { readonly ok: false; readonly reason: string };

let probe: Probe | undefined;

/** Resets the cached probe (tests). */
export function resetSandboxProbe(): void {
  probe = undefined;
}

/** Namespaces every sandbox gets besides the mount one; the network one unless network is allowed. */
const ISOLATION = ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"];

/**
 * How to start bwrap without capabilities, most confined first. As root, commands run as `nobody`
 * (65534) in a user namespace of their own, which still maps to root outside, so project files stay
 * writable; `--disable-userns` (bwrap ≥ 0.8) keeps commands from making further user namespaces.
 * Without user namespaces, root's bwrap still drops every capability (and sets no_new_privs).
 */
export function probeCandidates(root: boolean): string[][] {
  const user = root ? ["--uid", "65534", "--gid", "65534"] : [];
  const drop = ["--cap-drop", "ALL"];
  return [
    ["--unshare-user", "--disable-userns", ...user, ...drop],
    ["--unshare-user", ...user, ...drop],
    drop,
    [],
  ];
}

/**
 * Why the capabilities in `/proc/self/status` text are not all gone (effective, permitted, ambient;
 * the bounding set, or else no_new_privs), or undefined when they are.
 */
export function capabilityProblem(status: string): string | undefined {
  const field = (name: string) => status.match(new RegExp(`^${name}:\\s*(\\S+)`, "m"))?.[1];
  const zero = (v: string | undefined) => v !== undefined && /^0+$/.test(v);
  for (const name of ["CapEff", "CapPrm", "CapAmb"]) {
    if (!zero(field(name))) return `${name} is ${field(name) ?? "unknown"} inside, not 0`;
  }
  if (!zero(field("CapBnd")) && field("NoNewPrivs") !== "1")
    return `CapBnd is ${field("CapBnd") ?? "unknown"} inside, without no_new_privs`;
  return undefined;
}

/**
 * Finds bwrap and checks, once per process, that it can really start a sandbox here with every
 * capability dropped (it reads the effective set inside); a bwrap that cannot is not used.
 */
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
  const base = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", ...ISOLATION, "--unshare-net"];
  const tail = ["--new-session", "--die-with-parent", "cat", "/proc/self/status"];
  let said = "";
  for (const extra of probeCandidates(process.getuid?.() === 0)) {
    const r = spawnSync(path, [...extra, ...base, ...tail], { encoding: "utf8", timeout: 5000 });
    const problem =
      r.status === 0
        ? capabilityProblem(r.stdout)
        : (r.stderr || r.error?.message || `exit status ${r.status}`).trim().split("\n")[0]!;
    if (problem === undefined) {
      probe = { ok: true, path, extra };
      return probe;
    }
    said ||= problem;
  }
  probe = {
    ok: false,
    reason: `bwrap is installed but cannot create a sandbox without capabilities here (${said}); user namespaces may be disabled`,
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
 * The bwrap arguments (everything before the command) for a sandbox where `project` and `extra`
 * writable paths are writable, starting in `cwd`: no capabilities, its own user (where it works),
 * pid, ipc, uts, cgroup and (unless allowed) network namespaces, a new terminal session, and the
 * mounts of `sandbox-mounts.ts` (private /tmp and /run, secrets and host sockets covered).
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
  const writable = [project, ...extraWritable, ...(options.writable ?? [])]
    .map(real)
    .filter((p) => existsSync(p));
  const plan = mountPlan({
    writable: [...new Set(writable)],
    toolchain: toolchainDirs(pathVar),
    network: options.allowNetwork === true,
    ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
  });
  for (const dir of plan.privateDirs) args.push("--tmpfs", dir);
  for (const [from, to] of plan.exposed) args.push("--ro-bind", from, to);
  for (const path of [...new Set(writable)]) args.push("--bind", path, path);
  for (const dir of plan.maskDirs) args.push("--tmpfs", dir);
  // /dev/null, not an unreadable file: tools that read ~/.npmrc and the like see it empty
  for (const file of plan.maskFiles) args.push("--dev-bind", "/dev/null", file);
  for (const path of options.readOnly ?? []) if (existsSync(path)) args.push("--ro-bind", path, path);
  for (const dir of plan.readOnlyDirs) args.push("--remount-ro", dir);
  args.push(...ISOLATION, "--new-session", "--die-with-parent");
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
