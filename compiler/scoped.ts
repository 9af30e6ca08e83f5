/**
 * A value in force while a synchronous function runs, and restored after it (also when it throws):
 * how `marrowc build`'s cache hands its stores of template parses and precompiled texts to the one
 * file or unit being checked or generated, without threading them through every call.
 */
export interface Scoped<T> {
  /** The value in force, if any. */
  current(): T | undefined;
  /** Runs `fn` with `value` in force. */
  run<R>(value: T, fn: () => R): R;
}

/** A new {@link Scoped} with nothing in force. */
export function scoped<T>(): Scoped<T> {
  let current: T | undefined;
  return {
    current: () => current,
    run(value, fn) {
      const outer = current;
      current = value;
      try {
        return fn();
      } finally {
        current = outer;
      }
    },
  };
}
