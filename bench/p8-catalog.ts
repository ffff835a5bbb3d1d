import fs from 'node:fs';
import path from 'node:path';

/**
 * P8's catalog: `count` templates in Berth's catalog format (catalog/README.md), written to a folder that Berth reads
 * through BERTH_CATALOG_DIRS. Deterministic (the same names every run) and shaped like a real imported catalog: names
 * of software people deploy with the variants catalogs carry (exporters, UIs, backups…), a one-line description, one
 * to three categories from a set of 24, a small SVG logo of its own colour and letters (~400 bytes, as the built-in
 * ones), and one version with a compose file and three questions (port, a string with a pattern, a password).
 */

const PRODUCTS = [
  ['nginx', 'Web server', 'HTTP server and reverse proxy'],
  ['postgres', 'Database', 'Relational database with strong SQL support'],
  ['redis', 'Cache', 'In-memory key-value store'],
  ['mariadb', 'Database', 'Community-developed fork of MySQL'],
  ['mongodb', 'Database', 'Document database'],
  ['grafana', 'Monitoring', 'Dashboards for metrics and logs'],
  ['prometheus', 'Monitoring', 'Metrics collection and alerting'],
  ['loki', 'Logging', 'Log aggregation indexed by labels'],
  ['gitea', 'Developer tools', 'Self-hosted Git service'],
  ['jenkins', 'CI/CD', 'Automation server for builds and deploys'],
  ['nextcloud', 'Productivity', 'Files, calendar and contacts you host yourself'],
  ['ghost', 'Blogging', 'Publishing platform for newsletters and blogs'],
  ['wordpress', 'CMS', 'Blog and content management system'],
  ['drupal', 'CMS', 'Content management framework'],
  ['rabbitmq', 'Messaging', 'Message broker with AMQP and MQTT'],
  ['mosquitto', 'IoT', 'Lightweight MQTT broker'],
  ['minio', 'Storage', 'S3-compatible object storage'],
  ['traefik', 'Networking', 'Edge router with automatic service discovery'],
  ['haproxy', 'Load balancer', 'TCP and HTTP load balancer'],
  ['keycloak', 'Security', 'Identity and access management'],
  ['vaultwarden', 'Security', 'Password manager server compatible with Bitwarden clients'],
  ['elasticsearch', 'Search', 'Distributed search and analytics engine'],
  ['memcached', 'Cache', 'Distributed memory object cache'],
  ['influxdb', 'Database', 'Time series database'],
  ['mattermost', 'Chat', 'Team messaging'],
  ['jellyfin', 'Media', 'Media server for films, series and music'],
  ['home-assistant', 'IoT', 'Home automation hub'],
  ['uptime-kuma', 'Monitoring', 'Status pages and uptime checks'],
  ['adminer', 'Developer tools', 'Database management in one page'],
  ['registry', 'Containers', 'Private container image registry'],
  ['portainer', 'Containers', 'Container management UI'],
  ['n8n', 'Automation', 'Workflow automation'],
  ['matomo', 'Analytics', 'Web analytics you own'],
  ['plausible', 'Analytics', 'Privacy-friendly web analytics'],
  ['syncthing', 'Storage', 'Continuous file synchronisation'],
  ['wikijs', 'Documentation', 'Wiki with a Markdown editor'],
  ['bookstack', 'Documentation', 'Platform for organising documentation'],
  ['sonarqube', 'Developer tools', 'Code quality inspection'],
  ['clickhouse', 'Database', 'Column-oriented analytics database'],
  ['cassandra', 'Database', 'Wide-column distributed database'],
] as const;

const VARIANTS = [
  ['', ''],
  ['exporter', 'Prometheus exporter for'],
  ['backup', 'Scheduled backups of'],
  ['ui', 'Web interface for'],
  ['proxy', 'Caching proxy in front of'],
  ['cluster', 'Three-node cluster of'],
  ['operator', 'Lifecycle manager for'],
  ['ha', 'Highly available pair of'],
  ['lite', 'Small-footprint build of'],
  ['dev', 'Development setup of'],
  ['arm', 'ARM64 build of'],
  ['alpine', 'Alpine-based image of'],
  ['ldap', 'LDAP-authenticated setup of'],
  ['tls', 'TLS-terminated setup of'],
  ['s3', 'S3-backed setup of'],
  ['metrics', 'Metrics sidecar for'],
  ['sentinel', 'Failover watcher for'],
  ['replica', 'Read replica of'],
  ['gateway', 'API gateway for'],
  ['agent', 'Agent for'],
  ['cli', 'Command-line tools for'],
  ['migrate', 'Schema migrations for'],
  ['stack', 'Full stack around'],
  ['edge', 'Edge release of'],
  ['lts', 'Long-term support release of'],
] as const;

const EXTRA_CATEGORIES = ['Self-hosted', 'Open source', 'Networking', 'Storage', 'Monitoring', 'Security', 'Cluster', 'Backup'];
const COLOURS = ['#d82c20', '#336791', '#009639', '#f46800', '#e6522c', '#609926', '#0082c9', '#15212a', '#4479a1', '#ff6600'];

const title = (s: string) =>
  s
    .split('-')
    .map((w) => (w.length <= 3 && w !== 'dev' ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');

export interface GeneratedTemplate {
  id: string;
  name: string;
  description: string;
  categories: string[];
}

/** The templates' metadata, without writing anything (the bench derives its search queries from it). */
export function p8Templates(count: number): GeneratedTemplate[] {
  const out: GeneratedTemplate[] = [];
  for (let i = 0; out.length < count; i++) {
    const [product, category, what] = PRODUCTS[i % PRODUCTS.length];
    const [variant, prefix] = VARIANTS[Math.floor(i / PRODUCTS.length) % VARIANTS.length];
    const round = Math.floor(i / (PRODUCTS.length * VARIANTS.length));
    const id = ['p8', product, variant, round ? String(round + 1) : ''].filter(Boolean).join('-');
    const name = `${title(product)}${variant ? ` ${title(variant)}` : ''}${round ? ` ${round + 1}` : ''}`;
    const description = variant ? `${prefix} ${title(product)}: ${what.toLowerCase()}` : what;
    const categories = [category, ...(i % 3 === 0 ? [] : [EXTRA_CATEGORIES[i % EXTRA_CATEGORIES.length]])].filter((c, k, a) => a.indexOf(c) === k);
    out.push({ id, name, description, categories });
  }
  return out;
}

function logo(t: GeneratedTemplate, i: number): string {
  const letters = t.name
    .split(' ')
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${letters}">
  <rect x="2" y="2" width="60" height="60" rx="12" fill="${COLOURS[i % COLOURS.length]}"/>
  <text x="32" y="41" font-family="Helvetica, Arial, sans-serif" font-size="24" font-weight="700" fill="#ffffff" text-anchor="middle">${letters}</text>
</svg>
`;
}

const QUESTIONS = `questions:
  - variable: public_port
    label: Public port
    description: The host port the service answers on
    type: int
    required: true
    default: 8080
    min: 1
    max: 65535
    group: Network
  - variable: site_name
    label: Site name
    type: string
    default: example
    pattern: "[a-z0-9-]+"
    max: 40
    group: General
  - variable: admin_password
    label: Admin password
    description: Left empty, a strong one is generated
    type: password
    min: 12
    max: 128
    group: Security
`;

const compose = (t: GeneratedTemplate) => `services:
  app:
    image: example/${t.id.replace(/^p8-/, '')}:1
    restart: unless-stopped
    ports:
      - "{{public_port}}:80"
    environment:
      SITE_NAME: "{{site_name}}"
      ADMIN_PASSWORD: "{{admin_password}}"
    volumes:
      - data:/data
volumes:
  data: {}
`;

/** Writes the catalog folder (replacing what was there) and returns the templates written. */
export function writeP8Catalog(dir: string, count: number): GeneratedTemplate[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const list = p8Templates(count);
  list.forEach((t, i) => {
    const d = path.join(dir, t.id);
    fs.mkdirSync(path.join(d, 'versions', '1.0-1'), { recursive: true });
    fs.writeFileSync(
      path.join(d, 'template.yml'),
      `name: ${t.name}\ndescription: ${JSON.stringify(t.description)}\ncategories: ${JSON.stringify(t.categories)}\nmaintainer: P8 bench\nlicense: MIT\nproject_url: https://example.com/${t.id}\n`,
    );
    fs.writeFileSync(path.join(d, 'README.md'), `# ${t.name}\n\n${t.description}.\n`);
    fs.writeFileSync(path.join(d, 'logo.svg'), logo(t, i));
    fs.writeFileSync(path.join(d, 'versions', '1.0-1', 'compose.yml'), compose(t));
    fs.writeFileSync(path.join(d, 'versions', '1.0-1', 'questions.yml'), QUESTIONS);
  });
  return list;
}
