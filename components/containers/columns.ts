import type { SortKey } from './filter-model';

export interface Column {
  id: string;
  label: string;
  sort?: SortKey;
  /** classes that hide the column (header and cells) until the table is wide enough for it */
  show?: string;
}

/**
 * Columns that matter least appear only as the table gets room for them, so that at 1280 px and up everything shown
 * fits without sideways scrolling and the row menu is always in view. The thresholds are the table's own width
 * (a container query on the scroll box), not the window's: the sidebar and page padding are already taken off.
 * Each threshold is the sum of the minimum tracks of the columns shown at that width, plus gaps and padding.
 */
export const SHOW = {
  ports: 'hidden @min-[770px]:block',
  host: 'hidden @min-[852px]:block',
  project: 'hidden @min-[954px]:block',
  created: 'hidden @min-[1050px]:block',
};

export const COLUMNS: Column[] = [
  { id: 'name', label: 'Name', sort: 'name' },
  { id: 'state', label: 'State', sort: 'state' },
  { id: 'host', label: 'Host', sort: 'host', show: SHOW.host },
  { id: 'image', label: 'Image', sort: 'image' },
  { id: 'ports', label: 'Ports', show: SHOW.ports },
  { id: 'cpu', label: 'CPU' },
  { id: 'mem', label: 'Memory' },
  { id: 'created', label: 'Created', sort: 'created', show: SHOW.created },
  { id: 'project', label: 'Project', sort: 'project', show: SHOW.project },
  { id: 'actions', label: 'Actions' },
];

/**
 * Shared by the header and every row so that cells line up without a <table>. Hidden cells take no track, so each
 * width step lists only the tracks of the columns shown at it, in column order. State comes second so that it is in
 * view on a phone before any sideways scrolling.
 */
export const GRID = [
  'grid gap-x-3 px-3',
  'grid-cols-[minmax(140px,2fr)_minmax(150px,1.4fr)_minmax(110px,1.5fr)_56px_72px_36px]',
  '@min-[770px]:grid-cols-[minmax(140px,2fr)_minmax(150px,1.4fr)_minmax(110px,1.5fr)_minmax(110px,1.2fr)_56px_72px_36px]',
  '@min-[852px]:grid-cols-[minmax(140px,2fr)_minmax(150px,1.4fr)_minmax(70px,0.8fr)_minmax(110px,1.5fr)_minmax(110px,1.2fr)_56px_72px_36px]',
  '@min-[954px]:grid-cols-[minmax(140px,2fr)_minmax(150px,1.4fr)_minmax(70px,0.8fr)_minmax(110px,1.5fr)_minmax(110px,1.2fr)_56px_72px_minmax(90px,1fr)_36px]',
  '@min-[1050px]:grid-cols-[minmax(140px,2fr)_minmax(150px,1.4fr)_minmax(70px,0.8fr)_minmax(110px,1.5fr)_minmax(110px,1.2fr)_56px_72px_84px_minmax(90px,1fr)_36px]',
].join(' ');
/** below the narrowest step (a phone) the grid keeps its minimum tracks and the table scrolls sideways */
export const MIN_WIDTH = 'min-w-[648px]';
export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 34;
