/**
 * Whether terminal output is coloured (`NO_COLOR`, `FORCE_COLOR`, a TTY): the compiler's rule for its
 * diagnostics, offered here so every command of both CLIs decides the same way.
 */
export { colorEnabled } from "../../compiler/diagnostics/render.ts";
