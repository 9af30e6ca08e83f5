import { describe, expect, it } from "vitest";
import { createLexer } from "../../../compiler/syntax/lexer.ts";
import { MarrowParser } from "../../../compiler/syntax/parser.ts";

/**
 * The compiler builds its lexer and parser without Chevrotain's definition checks, which cost start-up
 * time on every run; the checks run here instead, so a grammar or token change that breaks them fails.
 */
describe("the grammar and token definitions", () => {
  it("pass Chevrotain's token pattern checks", () => {
    expect(createLexer(true).lexerDefinitionErrors).toEqual([]);
  });

  it("pass Chevrotain's grammar checks (ambiguities, left recursion, duplicate names)", () => {
    // With its checks on, Chevrotain throws from performSelfAnalysis on any grammar definition error.
    expect(() => new MarrowParser(true)).not.toThrow();
  });
});
