import type { Item } from "./model.ts";

/**
 * Which tool rows of the fullscreen transcript show their output: a row cursor (Alt-↑/Alt-↓ or
 * Ctrl-P/Ctrl-N) picks a row, Ctrl-O opens or closes that one, Alt-O all of them. With no row
 * picked the cursor follows the newest tool row, so Ctrl-O right after a tool ran opens that one.
 */

/** A tool row of the transcript. */
export type ToolItem = Extract<Item, { kind: "tool" }>;

/** The row cursor and each row's open state, over the model's items (rows are kept by identity). */
export class ToolRows {
  /** The picked row; undefined: the newest tool row. */
  #picked: ToolItem | undefined;
  /** Every row open (Alt-O), new rows included; rows in `#flipped` are the other way. */
  #all = false;
  readonly #flipped = new Set<ToolItem>();
  readonly #items: () => readonly Item[];

  constructor(items: () => readonly Item[]) {
    this.#items = items;
  }

  #rows(): ToolItem[] {
    return this.#items().filter((i): i is ToolItem => i.kind === "tool");
  }

  /** The row Ctrl-O acts on: the picked one while it is still in the transcript, else the newest. */
  selected(): ToolItem | undefined {
    const rows = this.#rows();
    return this.#picked && rows.includes(this.#picked) ? this.#picked : rows.at(-1);
  }

  /** Moves the cursor one row older (`-1`) or newer (`1`); reaching the newest row follows new rows again. */
  move(by: -1 | 1): void {
    const rows = this.#rows();
    const at = rows.indexOf(this.selected() as ToolItem);
    if (at < 0) return;
    const to = Math.max(0, Math.min(rows.length - 1, at + by));
    this.#picked = to === rows.length - 1 ? undefined : rows[to];
  }

  /** Whether `row` shows its output. */
  isOpen(row: ToolItem): boolean {
    return this.#all !== this.#flipped.has(row);
  }

  /** Ctrl-O: opens or closes the selected row. */
  toggle(): void {
    const row = this.selected();
    if (!row) return;
    if (this.#flipped.has(row)) this.#flipped.delete(row);
    else this.#flipped.add(row);
  }

  /** Alt-O: opens every row (new ones too), or closes every row when all are open. */
  toggleAll(): void {
    const rows = this.#rows();
    // with no rows yet it switches the mode for the rows to come
    const allOpen = rows.length > 0 ? rows.every((r) => this.isOpen(r)) : this.#all;
    this.#all = !allOpen;
    this.#flipped.clear();
  }
}
