import { request } from '@/lib/api-client';
import type { RegistryCreate, RegistryLoginTest, RegistryUpdate } from '@/lib/schemas/registries';
import type { RegistryView } from '@/lib/types';

const enc = encodeURIComponent;

export const registriesApi = {
  list: () => request<{ registries: RegistryView[] }>('GET', '/api/v1/registries').then((r) => r.registries),
  create: (input: RegistryCreate) => request<{ registry: RegistryView }>('POST', '/api/v1/registries', input).then((r) => r.registry),
  update: (id: string, patch: RegistryUpdate) => request<{ registry: RegistryView }>('PATCH', `/api/v1/registries/${enc(id)}`, patch).then((r) => r.registry),
  remove: (id: string) => request<{ ok: true; message: string }>('DELETE', `/api/v1/registries/${enc(id)}`),
  testLogin: (input: RegistryLoginTest) => request<{ ok: true; message: string }>('POST', '/api/v1/registries/test-login', input),
};
