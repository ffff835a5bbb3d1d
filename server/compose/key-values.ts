/** `KEY=value` list or map → map; list entries without "=" and null map values are taken from `fallback`. */
export function toMap(v: string[] | Record<string, unknown> | undefined, fallback: Record<string, string> = {}, sep = '='): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v) return out;
  if (Array.isArray(v)) {
    for (const item of v) {
      const i = item.indexOf(sep);
      if (i < 0) {
        if (item in fallback) out[item] = fallback[item];
      } else out[item.slice(0, i)] = item.slice(i + 1);
    }
    return out;
  }
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) {
      if (k in fallback) out[k] = fallback[k];
    } else out[k] = String(val);
  }
  return out;
}
