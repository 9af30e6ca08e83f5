/**
 * Streamed model text as a person should see it: tool-call markup (`<tool_call>{…}</tool_call>`,
 * `<function=…>…</function>`) is left out, since the call is shown as a tool row once it runs, and
 * reasoning (`<think>…</think>`) is dimmed. Tags split across tokens are held back until whole.
 */

/** Markup whose content is hidden, opening tag → closing tag. */
const HIDDEN: readonly (readonly [string, string])[] = [
  ["<tool_call>", "</tool_call>"],
  ["<|tool_call|>", "<|/tool_call|>"],
  ["<function=", "</function>"],
  ["<tool_calls>", "</tool_calls>"],
];
const THINK: readonly [string, string] = ["<think>", "</think>"];

/**
 * Text from a model, a file or a tool with its control characters shown as `�` (tabs and line
 * breaks kept): an escape sequence in a reply or a cloned file must not drive the user's terminal
 * (retitle it, move the cursor, hide text, write to the clipboard).
 */
export function inert(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

/** A filter over one reply's tokens; `push` returns the text to show, `end` what is left at the end. */
export interface StreamFilter {
  push(text: string): string;
  end(): string;
}

/** Creates a filter; `color` dims reasoning with an escape code, else it is shown between brackets. */
export function createStreamFilter(color: boolean): StreamFilter {
  let held = "";
  /** the closing tag awaited while inside hidden markup or reasoning */
  let closing: string | undefined;
  let thinking = false;
  const dimOn = color ? "\u001b[2m" : "[thinking] ";
  const dimOff = color ? "\u001b[22m" : " [/thinking]";
  const opens = [...HIDDEN, THINK];

  const step = (final: boolean): string => {
    let out = "";
    while (held !== "") {
      if (closing !== undefined) {
        const at = held.indexOf(closing);
        if (at < 0) {
          // keep a tail that may be the start of the closing tag
          const keep = final ? 0 : partialTail(held, [closing]);
          if (thinking) out += held.slice(0, held.length - keep);
          held = held.slice(held.length - keep);
          return out;
        }
        if (thinking) out += held.slice(0, at) + dimOff;
        held = held.slice(at + closing.length);
        closing = undefined;
        thinking = false;
        continue;
      }
      let first: { at: number; open: string; close: string } | undefined;
      for (const [open, close] of opens) {
        const at = held.indexOf(open);
        if (at >= 0 && (first === undefined || at < first.at)) first = { at, open, close };
      }
      if (first === undefined) {
        const keep = final
          ? 0
          : partialTail(
              held,
              opens.map(([o]) => o),
            );
        out += held.slice(0, held.length - keep);
        held = held.slice(held.length - keep);
        return out;
      }
      out += held.slice(0, first.at);
      held = held.slice(first.at + first.open.length);
      closing = first.close;
      thinking = first.open === THINK[0];
      if (thinking) out += dimOn;
    }
    return out;
  };

  return {
    push(text) {
      held += inert(text);
      return step(false);
    },
    end() {
      const wasThinking = thinking;
      const out = step(true);
      const tail = closing !== undefined && wasThinking && thinking ? dimOff : "";
      closing = undefined;
      thinking = false;
      held = "";
      return out + tail;
    },
  };
}

/** How many characters at the end of `text` could begin one of `tags`. */
function partialTail(text: string, tags: readonly string[]): number {
  let best = 0;
  for (const tag of tags)
    for (let n = Math.min(tag.length - 1, text.length); n > best; n--)
      if (text.endsWith(tag.slice(0, n))) {
        best = n;
        break;
      }
  return best;
}
