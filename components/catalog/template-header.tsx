import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import type { CatalogTemplate } from '@/lib/catalog-types';
import { TemplateLogo } from './template-logo';

/** A template's page header: logo, name, description with its project site, and its categories and flags as badges. */
export function TemplateHeader({ t }: { t: CatalogTemplate }) {
  return (
    <>
      <div className="flex items-start gap-3">
        {t.logo ? <TemplateLogo src={t.logo} size={48} /> : null}
        <PageHeader
          className="flex-1"
          title={t.name}
          description={
            <>
              {t.description}
              {t.projectUrl ? (
                <>
                  {' · '}
                  <a href={t.projectUrl} target="_blank" rel="noreferrer" className="text-accent hover:underline">
                    project site
                  </a>
                </>
              ) : null}
            </>
          }
          actions={
            <Link href="/catalog" className="text-sm text-accent hover:underline">
              All templates
            </Link>
          }
        />
      </div>
      <div className="flex flex-wrap gap-1">
        {t.categories.map((c) => (
          <Badge key={c} tone="grey">
            {c}
          </Badge>
        ))}
        {t.administratorOnly ? (
          <Badge tone="amber" title="Only admins may launch it">
            admin only
          </Badge>
        ) : null}
        {t.unsupported?.length ? (
          <Badge tone="amber" title={`Not carried over: ${t.unsupported.join(', ')}`}>
            partly imported
          </Badge>
        ) : null}
      </div>
    </>
  );
}
