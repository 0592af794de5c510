/** Text in a box that stands out in a busy terminal. */
export function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "═".repeat(width + 2);
  return ["", `╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`, ""].join("\n");
}
