/**
 * A small parser for the Python that models use to call tools: literals (strings with prefixes and
 * escapes, numbers, `True`/`False`/`None`, lists, tuples, dicts) and calls such as
 * `[get_weather(city="Paris"), default_api.read_file("a.ts")]`. It never evaluates anything.
 *
 * Grammar (informal):
 *   calls     := "[" call ("," call)* ","? "]" | statement (sep statement)*
 *   statement := ("print" "(" call ")") | (ident "=")? call
 *   call      := dotted "(" (arg ("," arg)* ","?)? ")"
 *   arg       := ident ("=" | ":") value | value
 *   value     := string+ | number | constant | list | tuple | dict | ident
 */

/** A parsed call: dotted name, positional and keyword arguments, and its offsets. */
export interface PyCall {
  name: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  start: number;
  end: number;
}

/** A parse result: the value and the offset just past it, or an error with its offset. */
export type PyResult<T> = { ok: true; value: T; end: number } | { ok: false; error: string; at: number };

/** A syntax error in the Python text (thrown internally; not an `Error`, so no stack is captured). */
class PyError {
  message: string;
  at: number;
  constructor(message: string, at: number) {
    this.message = message;
    this.at = at;
  }
}

const IDENT = /[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*/y;
const KWARG = /([A-Za-z_]\w*)\s*(?:=(?!=)|:(?!:))/y;
const NUMBER =
  /[-+]?(?:0[xX][\da-fA-F_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|\.\d[\d_]*(?:[eE][-+]?\d+)?)/y;
const STRING_START = /([rRbBuUfF]{0,2})('''|"""|'|")/y;
const CONSTANTS: Record<string, unknown> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  null: null,
};
const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "0": "\0",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "\n": "",
};

/** Nesting deeper than this is refused (no call is that deep; it would overflow the stack). */
const MAX_DEPTH = 64;

class Parser {
  src: string;
  pos: number;
  limit: number;
  depth = 0;

  constructor(src: string, pos: number, limit: number) {
    this.src = src;
    this.pos = pos;
    this.limit = limit;
  }

  /** Skips spaces, and newlines and comments when `newlines` is true (inside brackets). */
  ws(newlines = true): void {
    while (this.pos < this.limit) {
      const ch = this.src[this.pos]!;
      if (ch === " " || ch === "\t" || ch === "\r" || (newlines && ch === "\n")) this.pos++;
      else if (newlines && ch === "#") {
        while (this.pos < this.limit && this.src[this.pos] !== "\n") this.pos++;
      } else break;
    }
  }

  peek(): string {
    return this.pos < this.limit ? this.src[this.pos]! : "";
  }

  expect(ch: string): void {
    this.ws();
    if (this.peek() !== ch) throw new PyError(`expected \`${ch}\``, this.pos);
    this.pos++;
  }

  match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m || m.index + m[0].length > this.limit) return null;
    this.pos += m[0].length;
    return m;
  }

  string(): string {
    let out = "";
    let any = false;
    for (;;) {
      this.ws();
      const m = this.match(STRING_START);
      if (!m) break;
      any = true;
      const raw = /r/i.test(m[1]!);
      const quote = m[2]!;
      out += this.stringBody(quote, raw);
    }
    if (!any) throw new PyError("expected a string", this.pos);
    return out;
  }

  /**
   * Whether the quote at `pos` ends the string. Small models leave quotes of the same kind
   * unescaped (`command="grep "x" a"`), so a one-character quote ends the string only where
   * call syntax can follow it: `,` `)` `]` `}` `:` `;`, an end token's `<`, a line end, a string
   * after a space (implicit concatenation), or the end of the text.
   */
  closes(quote: string): boolean {
    if (quote.length === 3) return true;
    let i = this.pos + 1;
    while (i < this.limit && (this.src[i] === " " || this.src[i] === "\t")) i++;
    if (i >= this.limit || /[,)\]}:;<\r\n]/.test(this.src[i]!)) return true;
    return i > this.pos + 1 && /["']/.test(this.src[i]!); // "con" "cat"
  }

  stringBody(quote: string, raw: boolean): string {
    let out = "";
    const start = this.pos;
    while (this.pos < this.limit) {
      if (this.src.startsWith(quote, this.pos) && this.closes(quote)) {
        this.pos += quote.length;
        return out;
      }
      const ch = this.src[this.pos]!;
      if (ch !== "\\") {
        out += ch;
        this.pos++;
        continue;
      }
      const next = this.src[this.pos + 1] ?? "";
      if (raw) {
        out += ch + next;
        this.pos += 2;
        continue;
      }
      this.pos += 2;
      if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next];
      else if (next === "x" || next === "u" || next === "U") {
        const len = next === "x" ? 2 : next === "u" ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + len);
        if (!/^[\da-fA-F]+$/.test(hex) || hex.length !== len) throw new PyError("bad escape", this.pos);
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        this.pos += len;
      } else out += `\\${next}`;
    }
    throw new PyError("unterminated string", start);
  }

  value(): unknown {
    if (++this.depth > MAX_DEPTH) throw new PyError("nested too deeply", this.pos);
    try {
      return this.valueInner();
    } finally {
      this.depth--;
    }
  }

  valueInner(): unknown {
    this.ws();
    const ch = this.peek();
    if (ch === "[") return this.sequence("[", "]");
    if (ch === "(") return this.sequence("(", ")");
    if (ch === "{") return this.dict();
    STRING_START.lastIndex = this.pos;
    if (/['"]/.test(ch) || (/[rRbBuUfF]/.test(ch) && STRING_START.test(this.src))) return this.string();
    const num = this.match(NUMBER);
    if (num) {
      const text = num[0].replace(/_/g, "");
      const value = /^[-+]?0[xX]/.test(text) ? Number.parseInt(text, 16) : Number(text);
      if (Number.isNaN(value)) throw new PyError("bad number", this.pos);
      return value;
    }
    const start = this.pos;
    const ident = this.match(IDENT);
    if (!ident) throw new PyError(ch ? `unexpected \`${ch}\`` : "unexpected end", this.pos);
    const name = ident[0];
    if (name in CONSTANTS) return CONSTANTS[name];
    this.ws(false);
    if (this.peek() !== "(") return name; // a bare word: small models forget quotes
    this.pos = start;
    const call = this.call();
    if (call.name === "dict") return call.kwargs;
    if (/^(list|tuple|set)$/.test(call.name) && call.args.length === 1) return call.args[0];
    throw new PyError(`nested call \`${call.name}\` is not a value`, start);
  }

  sequence(open: string, close: string): unknown[] {
    this.expect(open);
    const items: unknown[] = [];
    for (;;) {
      this.ws();
      if (this.peek() === close) break;
      items.push(this.value());
      this.ws();
      if (this.peek() === ",") this.pos++;
      else if (this.peek() !== close) throw new PyError(`expected \`,\` or \`${close}\``, this.pos);
    }
    this.pos++;
    return items;
  }

  dict(): Record<string, unknown> | unknown[] {
    this.expect("{");
    const out: Record<string, unknown> = {};
    const set: unknown[] = [];
    for (;;) {
      this.ws();
      if (this.peek() === "}") break;
      const key = this.value();
      this.ws();
      if (this.peek() === ":") {
        this.pos++;
        out[String(key)] = this.value();
      } else set.push(key);
      this.ws();
      if (this.peek() === ",") this.pos++;
      else if (this.peek() !== "}") throw new PyError("expected `,` or `}`", this.pos);
    }
    this.pos++;
    return set.length > 0 && Object.keys(out).length === 0 ? set : out;
  }

  call(): PyCall {
    this.ws();
    const start = this.pos;
    const ident = this.match(IDENT);
    if (!ident) throw new PyError("expected a function name", this.pos);
    this.ws(false);
    if (this.peek() !== "(") throw new PyError("expected `(`", this.pos);
    this.pos++;
    const call: PyCall = { name: ident[0], args: [], kwargs: {}, start, end: start };
    for (;;) {
      this.ws();
      if (this.peek() === ")") break;
      const kw = this.match(KWARG);
      if (kw) call.kwargs[kw[1]!] = this.value();
      else call.args.push(this.value());
      this.ws();
      if (this.peek() === ",") this.pos++;
      else if (this.peek() !== ")") throw new PyError("expected `,` or `)`", this.pos);
    }
    this.pos++;
    call.end = this.pos;
    return call;
  }

  /** `print(call)` unwraps to `call`; `x = call(...)` drops the assignment. */
  statement(): PyCall {
    this.ws();
    const save = this.pos;
    if (this.match(/print\s*\(/y)) {
      const inner = this.call();
      this.expect(")");
      return { ...inner, start: save, end: this.pos };
    }
    if (!this.match(/[A-Za-z_]\w*\s*=(?!=)\s*/y)) this.pos = save;
    return this.call();
  }

  calls(): PyCall[] {
    this.ws();
    if (this.peek() === "[") {
      this.pos++;
      const list: PyCall[] = [];
      for (;;) {
        this.ws();
        if (this.peek() === "]") break;
        list.push(this.call());
        this.ws();
        if (this.peek() === ",") this.pos++;
        else if (this.peek() !== "]") throw new PyError("expected `,` or `]`", this.pos);
      }
      this.pos++;
      if (list.length === 0) throw new PyError("empty call list", this.pos);
      return list;
    }
    const list = [this.statement()];
    for (;;) {
      const save = this.pos;
      this.ws(false);
      if (!/[\n;,]/.test(this.peek())) {
        this.pos = save;
        break;
      }
      this.pos++;
      this.ws();
      if (this.pos >= this.limit) break;
      const next = this.pos;
      try {
        list.push(this.statement());
      } catch {
        this.pos = next;
        break;
      }
    }
    return list;
  }
}

function run<T>(src: string, pos: number, limit: number, fn: (p: Parser) => T): PyResult<T> {
  const parser = new Parser(src, pos, limit);
  try {
    const value = fn(parser);
    return { ok: true, value, end: parser.pos };
  } catch (error) {
    if (error instanceof PyError) return { ok: false, error: error.message, at: error.at };
    throw error;
  }
}

/** Parses one Python literal that makes up all of `src` (surrounding whitespace allowed). */
export function parsePythonValue(src: string): PyResult<unknown> {
  const result = run(src, 0, src.length, (p) => {
    const value = p.value();
    p.ws();
    if (p.pos < src.length) throw new PyError("unexpected text after the value", p.pos);
    return value;
  });
  return result;
}

/**
 * Parses calls starting at `pos`: a bracketed list `[f(a=1), g()]` or statements separated by
 * newlines, `;` or `,` (with `print(...)` unwrapped). Stops before the first text that is not a call.
 */
export function parsePythonCalls(src: string, pos = 0, limit = src.length): PyResult<PyCall[]> {
  return run(src, pos, limit, (p) => p.calls());
}
