import { describe, expect, it } from 'vitest';
import { StatsBatchQuerySchema } from './stats';

const id = (c: string) => c.repeat(64);

describe('StatsBatchQuerySchema', () => {
  it('splits the ids of the rows on screen', () => {
    expect(StatsBatchQuerySchema.parse({ ids: `${id('a')}, ${id('b')},` }).ids).toEqual([id('a'), id('b')]);
    expect(StatsBatchQuerySchema.parse({}).ids).toBeUndefined();
  });

  it('refuses names, prefixes and too many ids', () => {
    expect(StatsBatchQuerySchema.safeParse({ ids: 'web-1' }).success).toBe(false);
    expect(StatsBatchQuerySchema.safeParse({ ids: Array.from({ length: 201 }, () => id('c')).join(',') }).success).toBe(false);
  });
});
