import { z } from 'zod';

// Runs in the browser before any page module (Next's client instrumentation hook). Berth's CSP has no 'unsafe-eval'
// (server/http/security-headers.ts), and zod otherwise probes `new Function` to compile fast object parsers, which the
// browser reports as a CSP violation on every page. The interpreted parser is plenty for forms.
z.config({ jitless: true });
