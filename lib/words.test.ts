import { describe, expect, it } from 'vitest';
import { capitalize, plural } from './words';

describe('plural', () => {
  it('says "1 image", never "1 images"', () => {
    expect(plural(1, 'image')).toBe('1 image');
    expect(plural(2, 'image')).toBe('2 images');
    expect(plural(0, 'file')).toBe('0 files');
  });
  it('takes an irregular plural and groups thousands', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(1500, 'entry', 'entries')).toBe('1,500 entries');
  });
});

describe('capitalize', () => {
  it('capitalises a state for display and leaves empty text alone', () => {
    expect(capitalize('healthy')).toBe('Healthy');
    expect(capitalize('initializing')).toBe('Initializing');
    expect(capitalize('')).toBe('');
  });
});
