import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { CatalogView } from '@/components/catalog/catalog-view';
import type { CatalogFirstScreen } from '@/lib/catalog-types';
import { pageAccess } from '@/server/auth/page';
import { getBerth } from '@/server/berth';
import { catalogFirstScreen } from '@/server/catalog/service';

export const metadata: Metadata = { title: 'Catalog' };
export const dynamic = 'force-dynamic';

/** Cards on the first screen: 3 columns × 8 rows covers a 1440×900 window and more. */
const FIRST_SCREEN = 24;

/**
 * The one page that holds data of its own: the first screen of cards comes with the HTML (the catalog is the same
 * for every signed-in user), so it paints before the scripts and the whole list arrive; the page then fetches the
 * list through the API as every page does. Checked here too, not only by the layout: no card for a signed-out visitor.
 */
export default async function Page() {
  let first: CatalogFirstScreen | undefined;
  const access = await pageAccess((await headers()).get('cookie'));
  if (access.state === 'in') first = await catalogFirstScreen(await getBerth(), FIRST_SCREEN).catch(() => undefined);
  return <CatalogView first={first} />;
}
