import type { SortKey } from './filter-model';

export interface Column {
  id: string;
  label: string;
  sort?: SortKey;
}

export const COLUMNS: Column[] = [
  { id: 'name', label: 'Name', sort: 'name' },
  { id: 'state', label: 'State', sort: 'state' },
  { id: 'host', label: 'Host', sort: 'host' },
  { id: 'image', label: 'Image', sort: 'image' },
  { id: 'ports', label: 'Ports' },
  { id: 'cpu', label: 'CPU' },
  { id: 'mem', label: 'Memory' },
  { id: 'created', label: 'Created', sort: 'created' },
  { id: 'project', label: 'Project', sort: 'project' },
  { id: 'actions', label: 'Actions' },
];

/** Shared by the header and every row so that cells line up without a <table>. State comes second so that it is in
 * view on a phone before any sideways scrolling. */
export const GRID =
  'grid grid-cols-[minmax(160px,2fr)_minmax(210px,1.6fr)_minmax(80px,0.8fr)_minmax(130px,1.6fr)_minmax(120px,1.2fr)_64px_76px_100px_minmax(100px,1fr)_64px] gap-x-3 px-3';
export const MIN_WIDTH = 'min-w-[1234px]';
export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 34;
