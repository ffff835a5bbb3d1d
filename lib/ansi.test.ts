import { describe, expect, it } from 'vitest';
import { applySgr, markRanges, paletteColor, parseAnsi, stripAnsi, styleToCss } from './ansi';

describe('parseAnsi', () => {
  it('leaves plain text as one segment', () => {
    expect(parseAnsi('hello')).toEqual([{ text: 'hello' }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('turns SGR codes into styles and resets them', () => {
    expect(parseAnsi('a\x1b[31mred\x1b[1;42mbold\x1b[0m b')).toEqual([
      { text: 'a' },
      { text: 'red', style: { fg: 1 } },
      { text: 'bold', style: { fg: 1, bold: true, bg: 2 } },
      { text: ' b' },
    ]);
    expect(parseAnsi('\x1b[94mx\x1b[39my\x1b[m')).toEqual([{ text: 'x', style: { fg: 12 } }, { text: 'y' }]);
  });

  it('reads 256-colour and true-colour codes, with ";" or ":"', () => {
    expect(parseAnsi('\x1b[38;5;208mo')[0].style).toEqual({ fg: 208 });
    expect(parseAnsi('\x1b[48;2;255;0;16mo')[0].style).toEqual({ bg: '#ff0010' });
    expect(parseAnsi('\x1b[38:2::1:2:3mo')[0].style).toEqual({ fg: '#010203' });
    expect(parseAnsi('\x1b[38;5mo')[0]).toEqual({ text: 'o' });
  });

  it('drops other escape sequences, OSC 8 links included, and keeps their text', () => {
    expect(stripAnsi('\x1b[2K\x1b[1Gprogress')).toBe('progress');
    expect(stripAnsi('\x1b]0;title\x07text')).toBe('text');
    expect(stripAnsi('see \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ now')).toBe('see here now');
    expect(stripAnsi('cut \x1b[3')).toBe('cut ');
    expect(stripAnsi('lone \x1b')).toBe('lone ');
  });

  it('strips exactly what the parser drops', () => {
    const samples = [
      'a\x1b[1;31mb\x1b[0mc',
      '\x1b]8;;u\x1b\\t\x1b]8;;\x07x',
      '\x1b(Bq',
      '\x1bP1$r\x1b\\d',
      'e\x1b[?25l\x1b[2J',
      'f\x1b]0;no end',
      'g\x1b[',
      'h\x1b',
    ];
    for (const s of samples)
      expect(stripAnsi(s)).toBe(
        parseAnsi(s)
          .map((x) => x.text)
          .join(''),
      );
  });

  it('keeps markup-looking text as text', () => {
    expect(parseAnsi('\x1b[31m<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', style: { fg: 1 } }]);
  });
});

describe('applySgr', () => {
  it('turns attributes off one by one', () => {
    const s = applySgr({}, '1;3;4;7;9');
    expect(s).toEqual({ bold: true, italic: true, underline: true, inverse: true, strike: true });
    expect(applySgr(s, '22;23;24;27;29')).toEqual({});
  });
});

describe('markRanges', () => {
  const segs = parseAnsi('ab\x1b[31mcdef\x1b[0mgh');
  it('splits segments where a match begins and ends, keeping styles', () => {
    expect(markRanges(segs, [[1, 3]])).toEqual([
      { text: 'a' },
      { text: 'b', mark: true },
      { text: 'c', style: { fg: 1 }, mark: true },
      { text: 'def', style: { fg: 1 } },
      { text: 'gh' },
    ]);
  });
  it('handles several ranges and a range covering everything', () => {
    const m = markRanges(segs, [
      [0, 1],
      [5, 8],
    ]);
    expect(m.filter((s) => s.mark).map((s) => s.text)).toEqual(['a', 'f', 'gh']);
    expect(m.map((s) => s.text).join('')).toBe('abcdefgh');
    expect(markRanges(segs, [[0, 8]]).every((s) => s.mark)).toBe(true);
  });
});

describe('colours', () => {
  it('maps the palette and builds CSS', () => {
    expect(paletteColor(196)).toBe('#ff0000');
    expect(paletteColor(232)).toBe('#080808');
    expect(styleToCss({ inverse: true }, { fg: '#eee', bg: '#111' })).toEqual({ color: '#111', backgroundColor: '#eee' });
    expect(styleToCss({ bold: true, underline: true, strike: true }, { fg: '', bg: '' })).toEqual({
      fontWeight: 700,
      textDecoration: 'underline line-through',
    });
  });
});
