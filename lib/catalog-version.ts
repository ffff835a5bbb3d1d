/**
 * Template versions (catalog/README.md): dotted numbers with an optional "-<revision>", compared number by number:
 * 6.6-2 > 6.6-1 > 6.5-9, and 6.10 > 6.9. A missing part counts as 0 (6.6 = 6.6.0), a missing revision as 0.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => {
    const [main, rev] = v.split('-');
    return { main: main.split('.').map((x) => Number(x) || 0), rev: Number(rev ?? 0) || 0 };
  };
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.main.length, y.main.length); i++) {
    const d = (x.main[i] ?? 0) - (y.main[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return Math.sign(x.rev - y.rev);
}

/** Newest first. */
export const newestFirst = (versions: string[]) => [...versions].sort((a, b) => compareVersions(b, a));
