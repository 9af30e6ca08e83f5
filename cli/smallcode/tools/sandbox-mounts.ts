import { existsSync, lstatSync, readFileSync, realpathSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, isAbsolute, join, normalize, resolve } from "node:path";

/**
 * What the sandbox hides from commands, and what it shows again on top. The root file system is
 * read-only inside the sandbox, but reading it is a leak (the model sees every output) and a Unix
 * socket on it is a door out (connecting needs no write access to the file system), so:
 *
 * - private, empty folders replace the places where sockets and other processes' scratch files
 *   live: `/tmp`, the temp dir, `/run` (and `/var/run`), `/var/tmp`; `/root` too unless it is $HOME;
 * - the secrets of $HOME ({@link HOME_SECRETS}) and of the system ({@link SYSTEM_SECRETS}) are
 *   covered: folders by an empty read-only folder, files by an empty file (`/dev/null`);
 * - every other listening Unix socket the host has (`/proc/net/unix`) is covered the same way;
 * - what commands need from under the private folders comes back read-only: the PATH folders (a
 *   toolchain that lives under /tmp: that folder only, not its parent) and, with network,
 *   `/etc/resolv.conf` when it points into /run.
 */

/** Folders (ending in `/`) and files under $HOME that commands never see. */
export const HOME_SECRETS: readonly string[] = [
  // keys, cloud and cluster credentials, password stores
  ".ssh/",
  ".gnupg/",
  ".aws/",
  ".azure/",
  ".oci/",
  ".docker/",
  ".kube/",
  ".password-store/",
  ".terraform.d/",
  ".pki/",
  ".local/share/keyrings/",
  ".config/smallcode/",
  ".config/gcloud/",
  ".config/gh/",
  ".config/hub/",
  ".config/op/",
  ".config/doctl/",
  ".config/rclone/",
  ".config/configstore/",
  ".claude/",
  ".claude.json",
  ".codex/",
  // browser profiles (cookies, saved passwords)
  ".mozilla/",
  ".config/google-chrome/",
  ".config/chromium/",
  // tokens in single files
  ".netrc",
  ".git-credentials",
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  ".pypirc",
  ".pgpass",
  ".my.cnf",
  ".boto",
  ".s3cfg",
  ".vault-token",
  ".env",
  ".cargo/credentials",
  ".cargo/credentials.toml",
  ".gem/credentials",
  ".m2/settings.xml",
  ".m2/settings-security.xml",
  ".gradle/gradle.properties",
  // shell and REPL histories (commands typed with secrets in them)
  ".bash_history",
  ".zsh_history",
  ".python_history",
  ".node_repl_history",
  ".psql_history",
  ".mysql_history",
  ".sqlite_history",
  ".lesshst",
  ".viminfo",
  ".local/share/fish/fish_history",
];

/** Absolute folders (ending in `/`) and files of the system that commands never see. */
export const SYSTEM_SECRETS: readonly string[] = [
  "/etc/shadow",
  "/etc/shadow-",
  "/etc/gshadow",
  "/etc/gshadow-",
  "/etc/sudoers",
  "/etc/sudoers.d/",
  "/etc/security/opasswd",
  "/etc/ssl/private/",
];

/** The mounts of one sandbox, in the order bwrap must apply them (later ones on top). */
export interface MountPlan {
  /** Private empty folders (`--tmpfs`). */
  readonly privateDirs: readonly string[];
  /** Folders shown again read-only under the private ones: `[source, destination]`. */
  readonly exposed: readonly (readonly [string, string])[];
  /** Folders covered by an empty read-only folder (after the project is bound). */
  readonly maskDirs: readonly string[];
  /** Files and sockets covered by `/dev/null`. */
  readonly maskFiles: readonly string[];
  /** Private folders made read-only once everything is mounted in them. */
  readonly readOnlyDirs: readonly string[];
}

/** What {@link mountPlan} needs to know about the host. */
export interface MountInputs {
  /** The writable folders (the project first), real paths. */
  readonly writable: readonly string[];
  /** Folders searched for commands: PATH entries and the running Node's folder. */
  readonly toolchain: readonly string[];
  /** Whether commands may reach the network (then DNS configuration must stay visible). */
  readonly network: boolean;
  /** The user's home folder. Default: $HOME, else the account's. */
  readonly home?: string;
  /** `$XDG_CONFIG_HOME` when set (the user's SmallCode config lives under it). */
  readonly configHome?: string;
  /** Listening Unix socket paths of the host. Default: read from `/proc/net/unix`. */
  readonly sockets?: readonly string[];
}

/** The real path of `path`, or `path` itself when it does not resolve. */
export function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);

/** The sandbox's mounts for these inputs (see the module comment). */
export function mountPlan(inputs: MountInputs): MountPlan {
  const home = real(inputs.home || process.env.HOME || homedir());
  const privateDirs = unique([real(tmpdir()), "/tmp", "/var/tmp", "/run", "/var/run"].map(real)).filter((d) =>
    existsSync(d),
  );
  const readOnlyDirs: string[] = [];
  if (home !== "/root" && existsSync("/root")) {
    privateDirs.push("/root");
    readOnlyDirs.push("/root");
  }
  const hiddenBy = (path: string) => privateDirs.find((d) => inside(path, d));
  const exposed = exposures(inputs, hiddenBy);
  const shown = [...inputs.writable, ...exposed.map(([, to]) => to)];
  // a path is seen when nothing hides it or something shows it again
  const seen = (path: string) => hiddenBy(path) === undefined || shown.some((s) => inside(path, s));
  const project = inputs.writable[0] ?? "/";
  const configHome = inputs.configHome ? real(inputs.configHome) : undefined;
  const secrets = [
    ...HOME_SECRETS.map((s) => join(home, s) + (s.endsWith("/") ? "/" : "")),
    ...(configHome ? [`${join(configHome, "smallcode")}/`] : []),
    ...SYSTEM_SECRETS,
    ...sshHostKeys(),
  ];
  const maskDirs: string[] = [];
  const maskFiles: string[] = [];
  for (const secret of secrets) {
    const path = real(secret.replace(/\/$/, ""));
    const st = lstatSync(path, { throwIfNoEntry: false });
    // a link still unresolved leads nowhere (bwrap cannot mount on it); covering a folder that
    // holds the project would hide the project too
    if (!st || st.isSymbolicLink() || !seen(path) || inside(project, path)) continue;
    (st.isDirectory() ? maskDirs : maskFiles).push(path);
  }
  for (const socket of inputs.sockets ?? hostSockets()) {
    const path = real(socket);
    if (!seen(path) || !lstatSync(path, { throwIfNoEntry: false })?.isSocket()) continue;
    maskFiles.push(path);
  }
  readOnlyDirs.push(...maskDirs);
  return {
    privateDirs,
    exposed,
    maskDirs: unique(maskDirs),
    maskFiles: unique(maskFiles).slice(0, 512),
    readOnlyDirs: unique(readOnlyDirs),
  };
}

/**
 * Folders under the private ones that commands need, read-only, as `[source, destination]`: each
 * toolchain folder by itself (not its parent: a checkout under /tmp shows its Node, not its other
 * files), at its real path and, when it is reached through a link (NixOS: /run/current-system), at the
 * path PATH names; and with network, the file /etc/resolv.conf points to.
 */
export function exposures(
  inputs: Pick<MountInputs, "toolchain" | "network">,
  hiddenBy: (path: string) => string | undefined,
): [string, string][] {
  const out = new Map<string, string>();
  for (const dir of inputs.toolchain) {
    if (!dir || !isAbsolute(dir) || !existsSync(dir)) continue;
    const source = real(dir);
    for (const dest of unique([normalize(resolve(dir)), source])) {
      if (hiddenBy(dest) !== undefined && hiddenBy(dest) !== dest) out.set(dest, source);
    }
  }
  if (inputs.network) {
    const resolv = real("/etc/resolv.conf");
    if (resolv !== "/etc/resolv.conf" && hiddenBy(resolv) !== undefined && existsSync(resolv))
      out.set(resolv, resolv);
  }
  return [...out].map(([dest, source]) => [source, dest] as [string, string]).sort((a, b) => cmp(a[1], b[1]));
}

/** The folders of `PATH` and of the running Node: what commands are found in. */
export function toolchainDirs(pathVar: string): string[] {
  return unique([...pathVar.split(delimiter), join(process.execPath, "..")].filter((d) => d !== ""));
}

/** The SSH host private keys (`/etc/ssh/ssh_host_*_key`). */
function sshHostKeys(): string[] {
  return ["dsa", "ecdsa", "ed25519", "rsa"].map((k) => `/etc/ssh/ssh_host_${k}_key`);
}

/** The paths of the host's bound Unix sockets (`/proc/net/unix`; abstract ones, `@…`, are left out). */
export function hostSockets(): string[] {
  let text: string;
  try {
    text = readFileSync("/proc/net/unix", "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split("\n").slice(1)) {
    // the path is the rest of the line after seven fields (it may hold spaces)
    const path = /^\s*(?:\S+\s+){7}(.+)$/.exec(line)?.[1];
    if (path?.startsWith("/")) out.push(path);
  }
  return unique(out);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
