import { config } from 'zod/v4/core';

// Runs in the browser before any page module (Next's client instrumentation hook). Berth's CSP has no 'unsafe-eval'
// (server/http/security-headers.ts), and zod otherwise probes `new Function` to compile fast object parsers, which the
// browser reports as a CSP violation on every page. The interpreted parser is plenty for forms.
// `config` from zod's core (the same global setting as `z.config`) rather than `z` itself: this hook runs on every
// page, and importing `z` would put all of zod into every page's first load, forms or not.
config({ jitless: true });
