/** Accounts of the end-to-end Berth (e2e/serve.sh seeds the admin; e2e/fake-github.ts the GitHub side). */
export const E2E_ADMIN = { username: 'admin', password: 'Harbour-Lights-2026' };

export const E2E_GITHUB = {
  clientId: 'berth-e2e',
  clientSecret: 'berth-e2e-secret',
  org: 'acme',
  /** alice: acme/ops; bob: acme/devs; carol: acme/ops (removed mid-session by a spec); mallory: no organization */
  users: ['alice', 'bob', 'carol', 'mallory'],
};

export const githubPort = () => Number(process.env.E2E_PORT ?? 3210) + 1000;
