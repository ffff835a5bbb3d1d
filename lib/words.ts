/** Small wording helpers shared by pages and server messages (unit-tested in words.test.ts). */

/** "1 image", "2 images", "0 images"; irregular words name their plural: plural(n, 'entry', 'entries'). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * For display only: states are stored and sent lowercase ("healthy", "initializing") because code and filters compare
 * them; a badge shows them as a label ("Healthy").
 */
export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
