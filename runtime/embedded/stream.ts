/**
 * Streams the text of an act-turn answer: of `{"answer": "…"}` only the decoded string reaches the
 * caller, as it arrives; a tool call (`{"tool": …}`) streams nothing, like a native tool call.
 */

const OPENING = /^\s*\{\s*"answer"\s*:\s*"/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** A push/flush filter that passes on the answer string of an act-turn reply. */
export function answerStream(emit: (text: string) => void): { push(delta: string): void; flush(): void } {
  let raw = "";
  let at = -1; // index in `raw` of the next undecoded answer character; -1 before the opening
  let done = false;
  return {
    push(delta: string) {
      if (done) return;
      raw += delta;
      if (at < 0) {
        const open = OPENING.exec(raw);
        if (!open) {
          // Still possibly the opening; anything else (a call) never streams.
          if (!/^\s*(\{\s*("a?n?s?w?e?r?"?\s*:?\s*)?)?$/.test(raw)) done = true;
          return;
        }
        at = open[0].length;
      }
      let out = "";
      while (at < raw.length) {
        const c = raw[at]!;
        if (c === '"') {
          done = true;
          break;
        }
        if (c !== "\\") {
          out += c;
          at++;
          continue;
        }
        const next = raw[at + 1];
        if (next === undefined) break;
        if (next === "u") {
          const hex = raw.slice(at + 2, at + 6);
          if (hex.length < 4) break;
          out += String.fromCharCode(Number.parseInt(hex, 16));
          at += 6;
          continue;
        }
        out += ESCAPES[next] ?? next;
        at += 2;
      }
      if (out !== "") emit(out);
    },
    flush() {
      done = true;
    },
  };
}
