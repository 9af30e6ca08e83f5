import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
    // The real-model tests share the cores with every other test file: llama.cpp's threads spin
    // while they wait for each other, so one thread per model is 4–20× faster here than two.
    env: { SMALLCODE_THREADS: "1" },
  },
});
