/** Tool sets used by the corpus: the coding agent's tools, and a weather set from model cards. */
import type { ToolDefinition } from "../../smallcode/tool-calls/index.ts";

/** SmallCode-like coding tools. */
export const CODING_TOOLS: ToolDefinition[] = [
  {
    name: "read_file",
    description: "Read a file from the workspace",
    parameters: {
      type: "object",
      properties: {
        path: { type: "string" },
        offset: { type: "integer", description: "first line (1-based)" },
        limit: { type: "integer", description: "number of lines" },
      },
      required: ["path"],
    },
  },
  {
    name: "write_file",
    description: "Create or overwrite a file",
    parameters: {
      type: "object",
      properties: { path: { type: "string" }, content: { type: "string" } },
      required: ["path", "content"],
    },
  },
  {
    name: "edit_file",
    description: "Replace text in a file",
    parameters: {
      type: "object",
      properties: {
        path: { type: "string" },
        old_string: { type: "string" },
        new_string: { type: "string" },
        replace_all: { type: "boolean" },
      },
      required: ["path", "old_string", "new_string"],
    },
  },
  {
    name: "bash",
    description: "Run a shell command",
    parameters: {
      type: "object",
      properties: { command: { type: "string" }, timeout: { type: "integer", description: "seconds" } },
      required: ["command"],
    },
  },
  {
    name: "grep",
    description: "Search file contents with a regular expression",
    parameters: {
      type: "object",
      properties: {
        pattern: { type: "string" },
        path: { type: "string" },
        include: { type: "string", description: "glob of files to search" },
        case_insensitive: { type: "boolean" },
      },
      required: ["pattern"],
    },
  },
  {
    name: "list_files",
    description: "List a directory",
    parameters: {
      type: "object",
      properties: { path: { type: "string" }, recursive: { type: "boolean" } },
    },
  },
  {
    name: "web_search",
    description: "Search the web",
    parameters: {
      type: "object",
      properties: { query: { type: "string" }, max_results: { type: "integer" } },
      required: ["query"],
    },
  },
  {
    name: "todo_write",
    description: "Replace the task list",
    parameters: {
      type: "object",
      properties: {
        todos: {
          type: "array",
          items: {
            type: "object",
            properties: {
              content: { type: "string" },
              status: { type: "string", enum: ["pending", "in_progress", "completed"] },
            },
            required: ["content", "status"],
          },
        },
      },
      required: ["todos"],
    },
  },
];

/** The weather example used on many model cards. */
export const WEATHER_TOOLS: ToolDefinition[] = [
  {
    name: "get_weather",
    description: "Get the current weather for a city",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["location"],
    },
  },
  {
    name: "get_time",
    description: "Get the current time in a time zone",
    parameters: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] },
  },
];

/** Llama 3.1's built-in tools, declared as ordinary tools. */
export const LLAMA_BUILTIN_TOOLS: ToolDefinition[] = [
  ...CODING_TOOLS,
  {
    name: "brave_search",
    description: "Search the web (Llama built-in)",
    parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  },
  {
    name: "code_interpreter",
    description: "Run Python code (Llama built-in)",
    parameters: { type: "object", properties: { code: { type: "string" } }, required: ["code"] },
  },
];

/** A project tool whose parameter declares the aliases models use for it. */
export const ALIASED_TOOLS: ToolDefinition[] = [
  ...CODING_TOOLS,
  {
    name: "run_tests",
    description: "Run the test suite, optionally only matching tests",
    parameters: {
      type: "object",
      properties: { filter: { type: "string" }, watch: { type: "boolean" } },
    },
    aliases: { filter: ["only", "test_name", "grep"] },
  },
];
