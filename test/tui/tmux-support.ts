import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "vitest";

/** Driving a real terminal: tmux sessions, keys with send-keys, the screen with capture-pane. */

/** Whether tmux is installed (the terminal tests are skipped without it). */
export const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a tmux command; its output. */
export const tmux = (...args: string[]): string => execFileSync("tmux", args, { encoding: "utf8" });

/** The screen of session `name` (with its scrollback), wrapped lines joined. */
export const screen = (name: string): string => tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", name);

/** Whether the pane shows the terminal's alternate screen (a fullscreen program's). */
export const alternateScreen = (name: string): boolean =>
  tmux("display", "-p", "-t", name, "#{alternate_on}").trim() === "1";

/** The last line of the screen that is not blank. */
export const lastLine = (text: string): string => text.trimEnd().split("\n").at(-1) ?? "";

/** Waits until the screen satisfies `ok` (a deadline for a hung test, not a timing assertion). */
export async function until(name: string, ok: (text: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const text = screen(name);
    if (ok(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the screen never showed ${what}:\n${screen(name)}`);
}

/** Pastes into `cat -v` running in the pane: the paste markers would show if the mode were left on. */
export async function expectPasteModeOff(name: string): Promise<void> {
  tmux("set-buffer", "-b", name, "pasted-text");
  tmux("paste-buffer", "-p", "-b", name, "-t", name);
  tmux("send-keys", "-t", name, "Enter");
  const text = await until(name, (t) => t.includes("pasted-text"), "the pasted text");
  expect(text).not.toContain("^[[200~");
}

/** The pid of the `node` process running under the pane's shell, once there is one. */
export async function nodePid(name: string): Promise<number> {
  const shell = tmux("display", "-p", "-t", name, "#{pane_pid}").trim();
  for (let i = 0; i < 600; i++) {
    const children = execFileSync("ps", ["-o", "pid=", "--ppid", shell], { encoding: "utf8" })
      .trim()
      .split(/\s+/)
      .filter((p) => p !== "");
    for (const pid of children) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("bin.js")) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no smallcode process under the shell of ${name}`);
}
