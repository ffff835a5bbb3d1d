import { call } from '@/lib/api-client';
import type { RegistryCreate, RegistryLoginTest, RegistryUpdate } from '@/lib/schemas/registries';

export const registriesApi = {
  list: () => call('GET /api/v1/registries').then((r) => r.registries),
  create: (input: RegistryCreate) => call('POST /api/v1/registries', {}, input).then((r) => r.registry),
  update: (rid: string, patch: RegistryUpdate) => call('PATCH /api/v1/registries/{rid}', { rid }, patch).then((r) => r.registry),
  remove: (rid: string) => call('DELETE /api/v1/registries/{rid}', { rid }),
  testLogin: (input: RegistryLoginTest) => call('POST /api/v1/registries/test-login', {}, input),
};
