/**
 * A small reader of ANSI escape codes in log lines. SGR codes (colours, bold, …) become styled segments; every other
 * escape sequence (cursor moves, window titles, OSC 8 links) is dropped and its text kept. Segments are rendered as
 * React text, never as HTML, so a log line cannot inject markup.
 */

/** A palette index (0–255) or a "#rrggbb" colour. */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface Segment {
  text: string;
  /** absent for unstyled text */
  style?: AnsiStyle;
  /** part of a search match */
  mark?: boolean;
}

const ESC = '\x1b';

const isEmpty = (s: AnsiStyle) => Object.keys(s).length === 0;

/** Reads extended colours: 5;n (palette) or 2;r;g;b (true colour), with ";" or ":" separators. */
function extended(params: number[], i: number): { color?: AnsiColor; next: number } {
  if (params[i + 1] === 5 && params[i + 2] !== undefined) {
    const n = params[i + 2];
    return { color: n >= 0 && n <= 255 ? n : undefined, next: i + 3 };
  }
  if (params[i + 1] === 2 && params.length >= i + 5) {
    const hex = params.slice(i + 2, i + 5).map((v) =>
      Math.max(0, Math.min(255, v || 0))
        .toString(16)
        .padStart(2, '0'),
    );
    return { color: `#${hex.join('')}`, next: i + 5 };
  }
  return { next: params.length };
}

export function applySgr(style: AnsiStyle, raw: string): AnsiStyle {
  // "38:2::255:0:0" (ITU form with an empty colour-space id) and "38;2;255;0;0" read alike.
  const params =
    raw === ''
      ? [0]
      : raw
          .replace(/:(?=:)/g, '')
          .split(/[;:]/)
          .map((p) => (p === '' ? 0 : Number(p)));
  const s: AnsiStyle = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) for (const k of Object.keys(s)) delete s[k as keyof AnsiStyle];
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 9) s.strike = true;
    else if (p === 22) {
      delete s.bold;
      delete s.dim;
    } else if (p === 23) delete s.italic;
    else if (p === 24) delete s.underline;
    else if (p === 27) delete s.inverse;
    else if (p === 29) delete s.strike;
    else if (p >= 30 && p <= 37) s.fg = p - 30;
    else if (p >= 90 && p <= 97) s.fg = p - 90 + 8;
    else if (p === 39) delete s.fg;
    else if (p >= 40 && p <= 47) s.bg = p - 40;
    else if (p >= 100 && p <= 107) s.bg = p - 100 + 8;
    else if (p === 49) delete s.bg;
    else if (p === 38 || p === 48) {
      const { color, next } = extended(params, i);
      if (color !== undefined) s[p === 38 ? 'fg' : 'bg'] = color;
      i = next - 1;
    }
  }
  return s;
}

/** Where the escape sequence starting at `i` (an ESC) ends, and its SGR parameters if it is one. */
function scanEscape(s: string, i: number): { end: number; sgr?: string } {
  const kind = s[i + 1];
  if (kind === '[') {
    let j = i + 2;
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x3f) j++;
    if (j >= s.length) return { end: s.length };
    const final = s[j];
    const body = s.slice(i + 2, j);
    return { end: j + 1, sgr: final === 'm' && /^[\d;:]*$/.test(body) ? body : undefined };
  }
  if (kind === ']' || kind === 'P' || kind === '_' || kind === '^') {
    // OSC / DCS / APC / PM: up to BEL or ESC \
    for (let j = i + 2; j < s.length; j++) {
      if (s[j] === '\x07') return { end: j + 1 };
      if (s[j] === ESC && s[j + 1] === '\\') return { end: j + 2 };
    }
    return { end: s.length };
  }
  return { end: Math.min(s.length, i + 2) };
}

/** Splits a line into styled segments; the segments' text joined is the line without escape codes. */
export function parseAnsi(line: string): Segment[] {
  if (!line.includes(ESC)) return line ? [{ text: line }] : [];
  const out: Segment[] = [];
  let style: AnsiStyle = {};
  let from = 0;
  let i = line.indexOf(ESC);
  const emit = (to: number) => {
    if (to <= from) return;
    const text = line.slice(from, to);
    const last = out[out.length - 1];
    const st = isEmpty(style) ? undefined : style;
    if (last && last.style === st) last.text += text;
    else out.push(st ? { text, style: st } : { text });
  };
  while (i >= 0) {
    emit(i);
    const { end, sgr } = scanEscape(line, i);
    if (sgr !== undefined) style = applySgr(style, sgr);
    from = end;
    i = line.indexOf(ESC, end);
  }
  emit(line.length);
  return out;
}

// The same sequences scanEscape() reads, as one expression: CSI (to its final byte), OSC/DCS/APC/PM (to BEL or
// ESC \\), any other ESC + one character; cut-off sequences at the end of the line included.
const ESCAPES = /\x1b(?:\[[\x20-\x3f]*[\s\S]?|[\]P_^](?:[^\x07\x1b]|\x1b(?!\\))*(?:\x07|\x1b\\)?|[\s\S]?)/g;

/** The line as text, without escape codes: what search looks at. Same text as parseAnsi's segments joined. */
export function stripAnsi(line: string): string {
  return line.includes(ESC) ? line.replace(ESCAPES, '') : line;
}

/**
 * Marks the parts of the segments that fall inside the given [start, end) ranges of the joined text (sorted,
 * not overlapping), splitting segments where a range begins or ends.
 */
export function markRanges(segments: Segment[], ranges: [number, number][]): Segment[] {
  if (!ranges.length) return segments;
  const out: Segment[] = [];
  let pos = 0;
  let r = 0;
  for (const seg of segments) {
    let start = 0;
    const len = seg.text.length;
    while (start < len) {
      while (r < ranges.length && ranges[r][1] <= pos + start) r++;
      const range = ranges[r];
      let end = len;
      let mark = false;
      if (range && range[0] <= pos + start) {
        mark = true;
        end = Math.min(len, range[1] - pos);
      } else if (range && range[0] < pos + len) end = range[0] - pos;
      const piece: Segment = { text: seg.text.slice(start, end) };
      if (seg.style) piece.style = seg.style;
      if (mark) piece.mark = true;
      out.push(piece);
      start = end;
    }
    pos += len;
  }
  return out;
}

/** The 16 basic colours, chosen to read on the viewer's dark background. */
const BASIC = [
  '#3f3f46',
  '#f87171',
  '#4ade80',
  '#facc15',
  '#60a5fa',
  '#e879f9',
  '#22d3ee',
  '#d4d4d8',
  '#71717a',
  '#fca5a5',
  '#86efac',
  '#fde047',
  '#93c5fd',
  '#f0abfc',
  '#67e8f9',
  '#fafafa',
];

/** xterm's 256-colour palette: 16 basic, a 6×6×6 cube, then 24 greys. */
export function paletteColor(c: AnsiColor): string {
  if (typeof c === 'string') return c;
  if (c < 16) return BASIC[c];
  if (c < 232) {
    const n = c - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const hex = [Math.floor(n / 36), Math.floor(n / 6) % 6, n % 6].map((v) => level(v).toString(16).padStart(2, '0'));
    return `#${hex.join('')}`;
  }
  const g = (8 + (c - 232) * 10).toString(16).padStart(2, '0');
  return `#${g}${g}${g}`;
}

/** CSS for a style, as a plain object for React's `style` prop. */
export function styleToCss(s: AnsiStyle, defaults: { fg: string; bg: string }): Record<string, string | number> {
  const css: Record<string, string | number> = {};
  let fg = s.fg !== undefined ? paletteColor(s.fg) : undefined;
  let bg = s.bg !== undefined ? paletteColor(s.bg) : undefined;
  if (s.inverse) [fg, bg] = [bg ?? defaults.bg, fg ?? defaults.fg];
  if (fg) css.color = fg;
  if (bg) css.backgroundColor = bg;
  if (s.bold) css.fontWeight = 700;
  if (s.dim) css.opacity = 0.7;
  if (s.italic) css.fontStyle = 'italic';
  const deco = [s.underline && 'underline', s.strike && 'line-through'].filter(Boolean).join(' ');
  if (deco) css.textDecoration = deco;
  return css;
}
