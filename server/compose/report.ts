/** How a normalizer reports a problem: the path in the file (for the editor's marker) and what to do about it. */
export type Report = (path: (string | number)[], message: string) => void;
