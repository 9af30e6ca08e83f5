import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keepAfterCut, keepBeforeCut } from "./cap.ts";
import { protectedPaths } from "./protected.ts";
import {
  bwrapArgs,
  bwrapPath,
  SANDBOX_ENV,
  type SandboxOptions,
  type SandboxStatus,
  sandboxStatus,
} from "./sandbox.ts";
import { allowedEnv } from "./shell-env.ts";
import { cleanTerminal } from "./terminal.ts";
import type { ShellRun, ShellRunOptions, ShellSession } from "./tool.ts";

/**
 * The session's persistent shell: one long-lived `bash` in its own process group. Each command is
 * written to a file and sourced, so `cd` and `export` persist, quoting never breaks the protocol and a
 * syntax error is just a failed command. A sentinel line printed after the command carries its exit
 * status and the new cwd. Commands get `/dev/null` as stdin, so nothing can wait for input.
 *
 * On a timeout or interrupt the whole process group is killed and a fresh shell is started in the last
 * cwd with the exported variables restored (saved after every command); the same happens after `exit`.
 *
 * On Linux with a working bubblewrap, the shell runs inside the sandbox (see `sandbox.ts`): the project
 * writable except `.smallcode` and `.git` (`tools/protected.ts`), the rest read-only, secrets and
 * sockets hidden, no capabilities, no network unless allowed. `sandbox` tells which applies. Either
 * way commands get only the allow-listed part of the user's environment (`shell-env.ts`).
 */

export interface ShellOptions {
  /** Starting directory (the project root). */
  readonly cwd: string;
  /**
   * Extra environment; `undefined` removes a variable. Applied over the allow-listed part of
   * `process.env` (`shell-env.ts`) and the defaults.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Bytes of output kept from the start and from the end of a huge output. Default 256 KiB each. */
  readonly keepBytes?: number;
  /**
   * The sandbox: on by default where bwrap works (the project is `cwd`); `false` turns it off.
   * Settings: network access, extra writable paths.
   */
  readonly sandbox?: boolean | SandboxOptions;
}

/** Variables never passed to commands, even through `env`: the model's API key stays with the runtime. */
const WITHHELD_ENV: Readonly<Record<string, undefined>> = { SMALLCODE_API_KEY: undefined };

/** Environment that keeps tools non-interactive and colourless. */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string | undefined>> = {
  TERM: "dumb",
  PAGER: "cat",
  GIT_PAGER: "cat",
  MANPAGER: "cat",
  GIT_EDITOR: "true",
  GIT_TERMINAL_PROMPT: "0",
  NO_COLOR: "1",
  FORCE_COLOR: undefined,
  CLICOLOR: "0",
  DEBIAN_FRONTEND: "noninteractive",
  PIP_NO_INPUT: "1",
  npm_config_yes: "true",
};

const live = new Set<Shell>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const shell of live) shell.killNow();
  });
}

interface Pending {
  readonly sentinel: RegExp;
  readonly resolve: (r: ShellRun) => void;
  readonly started: number;
  timer?: NodeJS.Timeout;
  onAbort?: () => void;
  signal?: AbortSignal;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A persistent bash session. Create one per agent session and `close()` it at the end. */
export class Shell implements ShellSession {
  readonly #options: ShellOptions;
  readonly #dir: string;
  readonly #id = randomBytes(6).toString("hex");
  #proc: ChildProcessWithoutNullStreams | null = null;
  #cwd: string;
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #pending: Pending | null = null;
  #head = "";
  #tail = "";
  #dropped = 0;
  #closed = false;
  readonly #sandboxOptions: SandboxOptions;
  readonly #sandbox: SandboxStatus;

  constructor(options: ShellOptions) {
    this.#options = options;
    this.#cwd = options.cwd;
    this.#dir = mkdtempSync(join(tmpdir(), "smallcode-shell-"));
    const s = options.sandbox;
    const base: SandboxOptions = s === false ? { enabled: false } : s === true || s === undefined ? {} : s;
    this.#sandbox = sandboxStatus(base);
    this.#sandboxOptions = base;
  }

  /** Whether commands run sandboxed, and a line saying so (or why not). */
  get sandbox(): SandboxStatus {
    return this.#sandbox;
  }

  /** The shell's working directory after the last command. */
  get cwd(): string {
    return this.#cwd;
  }

  /** Runs `command`; calls are queued. Resolves (never rejects) when it ends, times out or is aborted. */
  run(command: string, options: ShellRunOptions): Promise<ShellRun> {
    const next = this.#queue.then(() => this.#runNow(command, options));
    this.#queue = next.catch(() => {});
    return next;
  }

  /** Kills the shell and everything in its process group, and removes its temporary files. */
  async close(): Promise<void> {
    this.#closed = true;
    this.killNow();
    live.delete(this);
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** Synchronously kills the process group (used on process exit). */
  killNow(): void {
    const pid = this.#proc?.pid;
    this.#proc = null;
    if (pid !== undefined) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }

  #start(restore: boolean): ChildProcessWithoutNullStreams {
    const env: Record<string, string> = {};
    const sandboxed = this.#sandbox.active;
    // only allow-listed variables of the user reach commands, sandboxed or not
    const merged = {
      ...allowedEnv(process.env, this.#sandbox.network, this.#sandboxOptions.passEnv),
      ...NON_INTERACTIVE_ENV,
      ...(sandboxed ? SANDBOX_ENV : {}),
      ...this.#options.env,
      ...WITHHELD_ENV,
    };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
    const bash = ["bash", "--noprofile", "--norc"];
    // what undo needs (.smallcode) and the history (.git) stay read-only inside the sandbox
    const base = this.#sandboxOptions;
    const readOnly = sandboxed ? protectedPaths(this.#options.cwd, { gitWritable: base.gitWritable }) : [];
    const sandboxOptions = { ...base, readOnly: [...(base.readOnly ?? []), ...readOnly] };
    const [program, ...args] = sandboxed
      ? [
          bwrapPath(),
          ...bwrapArgs(this.#options.cwd, this.#cwd, sandboxOptions, [this.#dir], env.PATH),
          "--",
          ...bash,
        ]
      : bash;
    const proc = spawn(program!, args, { cwd: this.#cwd, env, detached: true, stdio: "pipe" });
    proc.stdout.setEncoding("utf8");
    proc.stderr.setEncoding("utf8");
    proc.stdout.on("data", (chunk: string) => this.#onData(chunk));
    proc.stderr.on("data", (chunk: string) => this.#onData(chunk));
    proc.on("error", (e) => this.#onError(proc, e));
    proc.on("exit", (code) => this.#onDeath(proc, code));
    proc.stdin.on("error", () => {});
    if (restore) {
      proc.stdin.write(
        `. ${quote(join(this.#dir, "env.sh"))} >/dev/null 2>&1; cd -- ${quote(this.#cwd)} 2>/dev/null\n`,
      );
    }
    this.#proc = proc;
    live.add(this);
    installExitHook();
    return proc;
  }

  #runNow(command: string, options: ShellRunOptions): Promise<ShellRun> {
    if (this.#closed) return Promise.resolve(this.#result("[the shell is closed]", null, 0, {}));
    const proc = this.#proc ?? this.#start(false);
    const seq = ++this.#seq;
    const tag = `__SMALLCODE_${this.#id}_${seq}__`;
    const cmdFile = join(this.#dir, "cmd.sh");
    writeFileSync(cmdFile, `${command}\n`);
    this.#head = "";
    this.#tail = "";
    this.#dropped = 0;
    return new Promise<ShellRun>((resolve) => {
      const pending: Pending = {
        sentinel: new RegExp(`\\n${tag} (\\d+) ([^\\n]*)\\n`),
        resolve,
        started: Date.now(),
      };
      this.#pending = pending;
      pending.timer = setTimeout(() => this.#kill("timeout"), Math.max(1, options.timeoutMs));
      if (options.signal) {
        if (options.signal.aborted) {
          queueMicrotask(() => this.#kill("interrupt"));
        } else {
          pending.signal = options.signal;
          pending.onAbort = () => this.#kill("interrupt");
          options.signal.addEventListener("abort", pending.onAbort, { once: true });
        }
      }
      proc.stdin.write(
        `{ . ${quote(cmdFile)}; } </dev/null 2>&1; __sc_rc=$?; export -p > ${quote(join(this.#dir, "env.sh"))} 2>/dev/null; ` +
          `printf '\\n%s %d %s\\n' ${quote(tag)} "$__sc_rc" "$PWD"\n`,
      );
    });
  }

  #onData(chunk: string): void {
    const keep = this.#options.keepBytes ?? 256 * 1024;
    if (this.#head.length < keep && this.#tail === "") {
      this.#head += chunk;
      if (this.#head.length > keep) {
        this.#tail = this.#head.slice(keep);
        this.#head = this.#head.slice(0, keep);
      }
    } else {
      this.#tail += chunk;
      if (this.#tail.length > 2 * keep) {
        this.#dropped += this.#tail.length - keep;
        this.#tail = this.#tail.slice(this.#tail.length - keep);
      }
    }
    const pending = this.#pending;
    if (!pending) return;
    // Search the tail plus the end of the head, in case the sentinel straddles the two.
    const headEnd = this.#tail === "" ? this.#head : this.#head.slice(-256);
    const hay = this.#tail === "" ? this.#head : headEnd + this.#tail;
    const m = pending.sentinel.exec(hay);
    if (!m) return;
    this.#cwd = m[2] || this.#cwd;
    let output: string;
    if (this.#tail === "") output = this.#head.slice(0, m.index);
    else if (m.index >= headEnd.length)
      output = this.#collected(this.#tail.slice(0, m.index - headEnd.length));
    else output = this.#head.slice(0, this.#head.length - headEnd.length + m.index);
    this.#finish(this.#result(output, Number(m[1]), this.#dropped, {}));
  }

  /** Output so far: the head, a marker for what was dropped, and `tail`. */
  #collected(tail = this.#tail): string {
    if (this.#dropped === 0) return this.#head + tail;
    // the two cuts fall anywhere: neither may keep part of a secret, which redaction would not recognise
    const head = this.#head.slice(0, keepBeforeCut(this.#head));
    const from = keepAfterCut(tail);
    const dropped = this.#dropped + (this.#head.length - head.length) + from;
    return `${head}\n… ${dropped.toLocaleString("en-US")} bytes of output omitted …\n${tail.slice(from)}`;
  }

  #onDeath(proc: ChildProcessWithoutNullStreams, code: number | null): void {
    if (this.#proc !== proc) return; // an old shell we killed on purpose
    this.#proc = null;
    live.delete(this);
    const pending = this.#pending;
    if (!pending || this.#closed) return;
    // The command ran `exit` (or the shell crashed): report it and start afresh.
    const note = `\n[the shell exited; a new one was started in ${this.#cwd} with the exported variables kept]`;
    this.#finish(this.#result(this.#collected() + note, code, this.#dropped, { restarted: true }));
    this.#start(true);
  }

  #onError(proc: ChildProcessWithoutNullStreams, e: Error): void {
    if (this.#proc !== proc) return;
    this.#proc = null;
    live.delete(this);
    this.#finish(
      this.#result(`${this.#collected()}\n[cannot run bash: ${e.message}]`, null, this.#dropped, {}),
    );
  }

  #kill(why: "timeout" | "interrupt"): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    const output = this.#collected();
    const dropped = this.#dropped;
    this.killNow();
    this.#start(true);
    const flags = why === "timeout" ? { timedOut: true } : { interrupted: true };
    this.#settle(
      pending,
      this.#result(output, null, dropped, { ...flags, restarted: true }, pending.started),
    );
  }

  #finish(result: ShellRun): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    this.#settle(pending, { ...result, durationMs: Date.now() - pending.started });
  }

  #settle(pending: Pending, result: ShellRun): void {
    if (pending.timer) clearTimeout(pending.timer);
    if (pending.onAbort) pending.signal?.removeEventListener("abort", pending.onAbort);
    pending.resolve(result);
  }

  #result(
    output: string,
    exitCode: number | null,
    droppedBytes: number,
    flags: { timedOut?: boolean; interrupted?: boolean; restarted?: boolean },
    started = Date.now(),
  ): ShellRun {
    return {
      output: cleanTerminal(output).split(join(this.#dir, "cmd.sh")).join("bash"),
      exitCode,
      timedOut: flags.timedOut ?? false,
      interrupted: flags.interrupted ?? false,
      restarted: flags.restarted ?? false,
      cwd: this.#cwd,
      droppedBytes,
      durationMs: Date.now() - started,
    };
  }
}
