import { type Document, isCollection, isMap, isPair, isScalar, isSeq, type Pair, YAMLMap, YAMLSeq } from 'yaml';

/**
 * Linear-time stand-ins for two `yaml` library behaviours that are quadratic in the size of one mapping:
 *
 * - `uniqueKeys: true` compares every new key with every earlier key of its map (`items.some`), so a service with
 *   60,000 labels took tens of seconds on the event loop. We parse with `uniqueKeys: false` and find duplicates here
 *   with one Set per map, using the library's own notion of equality (same scalar value, `===`).
 * - `doc.getIn()` and `items.find()` scan a map's items for every lookup, so positioning thousands of issues in a
 *   large map was quadratic too. The finder indexes each map once, on first use, and answers the same node the scans
 *   would have found (the first pair with that key).
 */

/** Source offsets of every key that repeats an earlier key of the same mapping, as the library would report them. */
export function duplicateKeyOffsets(doc: Document): number[] {
  const out: number[] = [];
  // an explicit stack, not recursion: nesting depth is chosen by whoever writes the file
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) out.push(key.range?.[0] ?? node.range?.[0] ?? 0);
          else seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
    else if (isPair(node)) stack.push(node.key, node.value);
  }
  return out;
}

type Seg = string | number;

/** Finds nodes by path as `doc.getIn(path, true)` and a first-match `items.find` by key would, in O(path length). */
export class NodeFinder {
  private byValue = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  private byString = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(private readonly doc: Document) {}

  /** `doc.getIn(path, true)`: the node at `path`, or undefined. */
  getIn(path: Seg[]): unknown {
    let node: unknown = this.doc.contents;
    if (path.length === 0) return node;
    for (const seg of path) {
      if (!isCollection(node)) return undefined;
      node = this.child(node, seg);
    }
    return node;
  }

  /** The key node of the first pair whose key reads as `last` (String() of its value), as `items.find` would. */
  keyNamed(map: YAMLMap, last: Seg): unknown {
    let index = this.byString.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        const name = String((p.key as { value?: unknown })?.value ?? p.key);
        if (!index.has(name)) index.set(name, p);
      }
      this.byString.set(map, index);
    }
    return index.get(String(last))?.key ?? null;
  }

  private child(node: YAMLMap | YAMLSeq, seg: Seg): unknown {
    // tagged subclasses (!!set, !!omap…) may look keys up their own way; a compose file has none in practice
    if (node.constructor !== YAMLMap && node.constructor !== YAMLSeq) return node.get(seg, true);
    if (isSeq(node)) return node.get(seg, true);
    let index = this.byValue.get(node as YAMLMap);
    if (!index) {
      index = new Map();
      for (const p of (node as YAMLMap).items) {
        const k = isScalar(p.key) ? p.key.value : p.key;
        if (!index.has(k)) index.set(k, p);
      }
      this.byValue.set(node as YAMLMap, index);
    }
    return index.get(seg)?.value ?? undefined;
  }
}
