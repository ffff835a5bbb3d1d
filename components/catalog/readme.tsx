import type { ReactNode } from 'react';

/** `code` spans of one line as <code>; the rest stays text (React escapes it: nothing in a README becomes markup). */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/).map((part, i) =>
    part.length > 2 && part.startsWith('`') && part.endsWith('`') ? (
      <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-xs dark:bg-zinc-800">
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
}

/**
 * A template's README with the little markdown templates use: headings, paragraphs, "-" lists, ``` fences and
 * `code`. Tables and anything else are kept as their text (monospace), so nothing is lost. No dependency, no HTML.
 */
export function Readme({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let para: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (para.length) blocks.push(<p key={blocks.length}>{inline(para.join(' '))}</p>);
    if (list.length)
      blocks.push(
        <ul key={blocks.length} className="list-disc pl-5">
          {list.map((l, i) => (
            <li key={i}>{inline(l)}</li>
          ))}
        </ul>,
      );
    para = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (line.startsWith('```')) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      blocks.push(
        <pre key={blocks.length} className="overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">
          {code.join('\n')}
        </pre>,
      );
    } else if (heading) {
      flush();
      blocks.push(
        <h3 key={blocks.length} className={heading[1].length === 1 ? 'text-base font-semibold' : 'text-sm font-semibold'}>
          {inline(heading[2])}
        </h3>,
      );
    } else if (/^\s*[-*]\s+/.test(line)) {
      if (para.length) flush();
      list.push(line.replace(/^\s*[-*]\s+/, ''));
    } else if (line.startsWith('|')) {
      flush();
      const rows: string[] = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
      i--;
      blocks.push(
        <pre key={blocks.length} className="overflow-auto font-mono text-xs">
          {rows.join('\n')}
        </pre>,
      );
    } else if (!line.trim()) flush();
    else {
      if (list.length) flush();
      para.push(line.trim());
    }
  }
  flush();
  return (
    <div data-testid="catalog-readme" className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      {blocks}
    </div>
  );
}
