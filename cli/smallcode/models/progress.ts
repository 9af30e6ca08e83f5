import type { Writer } from "../io.ts";
import { formatBytes } from "./catalog.ts";
import type { DownloadProgress } from "./download.ts";

/**
 * Progress on stderr for a download and for loading a model: on a terminal one line redrawn in
 * place (a bar with size, speed and time left), elsewhere (CI logs, pipes) a plain line every tenth.
 */

const WIDTH = 24;

function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}]`;
}

/** `0:43`, `12:05`, `1:02:09`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** One progress line: `[####----] 48%  536 MB / 1.12 GB  12.4 MB/s  ETA 0:43`. Pure. */
export function formatDownload(p: DownloadProgress): string {
  const fraction = p.total > 0 ? p.received / p.total : 0;
  const fresh = p.received - p.resumedFrom;
  const speed = p.elapsedMs > 0 ? (fresh * 1000) / p.elapsedMs : 0;
  const eta = speed > 0 ? formatDuration((p.total - p.received) / speed) : "?";
  return (
    `${bar(fraction)} ${Math.floor(fraction * 100)
      .toString()
      .padStart(3)}%  ${formatBytes(p.received)} / ${formatBytes(p.total)}  ` +
    `${formatBytes(Math.round(speed))}/s  ETA ${eta}`
  );
}

/** Something that shows progress; `done` ends the line. */
export interface ProgressView {
  update(progress: DownloadProgress): void;
  done(): void;
}

/** A download's progress on `out`: redrawn in place on a terminal, a line per tenth otherwise. */
export function downloadView(out: Writer): ProgressView {
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(p) {
      if (out.isTTY) {
        const now = Date.now();
        // redraw at most ten times a second, and always at the end
        if (now - lastDraw < 100 && p.received < p.total) return;
        lastDraw = now;
        drawn = true;
        out.write(`\r${formatDownload(p)}\u001b[K`);
        return;
      }
      const tenth = Math.floor((p.received / Math.max(1, p.total)) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      out.write(`${formatDownload(p)}\n`);
    },
    done() {
      if (drawn) out.write("\n");
    },
  };
}

/** Loading progress of a model (fractions 0…1): a bar on a terminal, one line otherwise. */
export function loadView(
  out: Writer,
  label: string,
): { update(fraction: number): void; done(ms: number): void } {
  let drawn = false;
  let said = false;
  return {
    update(fraction) {
      if (out.isTTY) {
        drawn = true;
        out.write(`\rloading ${label} ${bar(fraction)} ${Math.floor(fraction * 100)}%\u001b[K`);
      } else if (!said) {
        said = true;
        out.write(`loading ${label}…\n`);
      }
    },
    done(ms) {
      const line = `loaded ${label} in ${(ms / 1000).toFixed(1)} s`;
      out.write(drawn ? `\r${line}\u001b[K\n` : `${line}\n`);
    },
  };
}
