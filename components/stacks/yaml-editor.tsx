'use client';

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useDarkMode } from '@/components/shell/use-dark-mode';
import { ApiError } from '@/lib/api-client';
import type { ComposeIssue } from '@/lib/compose-types';

/** Where an issue points in the document: its line and column, or the whole first line when it has no position. */
export function issueRange(doc: Text, issue: ComposeIssue): { from: number; to: number } {
  if (!issue.line || issue.line > doc.lines) return { from: 0, to: Math.min(doc.length, doc.line(1).to) };
  const line = doc.line(issue.line);
  const from = Math.min(line.from + Math.max((issue.col ?? 1) - 1, 0), line.to);
  // underline the word at the position (a key or value), at least one character
  const word = /^[^\s:]+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 0;
  return { from, to: Math.max(from + word, Math.min(from + 1, line.to)) };
}

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** checks the text (the server's validate API, debounced by the linter) and returns its issues */
  validate: (text: string) => Promise<ComposeIssue[]>;
  label: string;
}

/** How long the editor waits before checking again when the server said "too many checks" (429). */
const RETRY_MS = 2000;

/**
 * The server's issues for `text`. When it is rate-limited (429), the last answer stays on screen and `retry` is called
 * to check again shortly, so fast typing never flashes the markers away; a refusal of the file itself (400, e.g. "too
 * complex") is shown as an issue on the first line.
 */
export async function checkText(
  validate: (text: string) => Promise<ComposeIssue[]>,
  text: string,
  last: ComposeIssue[],
  retry: () => void,
): Promise<ComposeIssue[]> {
  try {
    return await validate(text);
  } catch (e) {
    if (e instanceof ApiError && e.status === 429) {
      retry();
      return last;
    }
    if (e instanceof ApiError && e.status === 400) return [{ message: e.message }];
    return [];
  }
}

/**
 * The compose editor: CodeMirror 6 with YAML highlighting and lint markers at each problem's line and column, checked
 * as you type (half a second after the last key) by the same parser a deploy uses.
 */
export function YamlEditor({ value, onChange, validate, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // the latest callbacks, for CodeMirror's listeners, which are set up once
  const latest = useRef({ onChange, validate });
  useLayoutEffect(() => {
    latest.current = { onChange, validate };
  });

  const last = useRef<ComposeIssue[]>([]);
  const dark = useDarkMode();
  const theme = useRef(new Compartment());
  const themeOf = (d: boolean) => (d ? oneDark : syntaxHighlighting(defaultHighlightStyle));
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const later = () => {
      retry.current ??= setTimeout(() => {
        retry.current = null;
        if (view.current) forceLinting(view.current);
      }, RETRY_MS);
    };
    const lint = linter(
      async (v): Promise<Diagnostic[]> => {
        const issues = await checkText(latest.current.validate, v.state.doc.toString(), last.current, later);
        last.current = issues;
        return issues.map((i) => ({ ...issueRange(v.state.doc, i), severity: 'error', message: i.message }));
      },
      { delay: 500 },
    );
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          yaml(),
          theme.current.of(themeOf(dark)),
          lintGutter(),
          lint,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
          EditorView.theme({ '&': { fontSize: '13px', height: '100%' }, '.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, monospace)' } }),
        ],
      }),
    });
    view.current = v;
    return () => {
      if (retry.current) clearTimeout(retry.current);
      retry.current = null;
      view.current = null;
      v.destroy();
    };
    // The editor is created once; later value changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, []);

  // the app's theme toggle restyles the open editor in place
  useEffect(() => {
    view.current?.dispatch({ effects: theme.current.reconfigure(themeOf(dark)) });
  }, [dark]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      data-testid="compose-editor"
      className="h-[420px] overflow-hidden rounded-md border border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    />
  );
}
