/**
 * What must be freed before `smallcode` exits (a loaded model): `main` calls {@link closeAll} when a
 * command ends, whether it succeeded, failed or was cancelled with Ctrl-C.
 */

const open = new Set<() => Promise<void>>();

/** Registers `close` to run when the command ends; returns a function that unregisters it. */
export function onClose(close: () => Promise<void>): () => void {
  open.add(close);
  return () => open.delete(close);
}

/** Runs every registered close (errors ignored: the process is ending anyway). */
export async function closeAll(): Promise<void> {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((close) => close().catch(() => {})));
}
