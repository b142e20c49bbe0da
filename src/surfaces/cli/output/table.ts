/** A column of a text table. */
export interface Column {
  header: string;
  /** Right-align (numbers, money). */
  right?: boolean;
}

const MAX_CELL = 48;

function clip(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** Renders rows as an aligned plain-text table (no colours, so it pipes cleanly). */
export function renderTable(columns: Column[], rows: string[][], footer?: string[]): string {
  const all = footer ? [...rows, footer] : rows;
  const widths = columns.map((c, i) => Math.max(c.header.length, ...all.map((r) => clip(r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const text = clip(cell ?? "");
        return columns[i].right ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join("  ")
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w)))];
  for (const r of rows) out.push(line(r));
  if (footer) {
    out.push(line(widths.map((w) => "-".repeat(w))));
    out.push(line(footer));
  }
  return out.join("\n");
}

/** Key/value lines for one object. */
export function renderPairs(pairs: [string, string][]): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
