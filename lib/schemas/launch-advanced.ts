import { z } from 'zod';

/**
 * Engine settings the launch form does not show, carried unchanged by "Edit & recreate" and "Duplicate" so a container
 * made elsewhere (CLI, compose) keeps them. Only the keys listed here are accepted (each object is strict), so the API
 * can never be used to send arbitrary Engine options; every value still goes through the access policy, which judges
 * the final create options (devices, security options, host namespaces…).
 *
 * Left out on purpose: what the form covers (mounts, ports, networks, restart, limits, DNS, tmpfs, logging…);
 * VolumesFrom, since the borrowed mounts are already carried as the container's own mounts (and would otherwise reach
 * another container's host paths unseen by the policy); values the daemon fills in by itself (MaskedPaths,
 * ReadonlyPaths, ConsoleSize, ContainerIDFile) and Windows-only settings.
 */

const str = (max = 1024) =>
  z
    .string()
    .max(max)
    .refine((v) => !/[\r\n\0]/.test(v), { message: 'must not contain line breaks' });
const int = z.number().int();
const strList = z.array(str()).max(256);
/** Inspect reports some empty lists as null; create takes them left out. */
const orNone = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);
const rate = z.array(z.object({ Path: str(), Rate: int.nonnegative() }).strict()).max(64);

export const AdvancedConfigSchema = z
  .object({
    Domainname: str(253),
    MacAddress: z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/, 'MAC address must look like 02:42:ac:11:00:02'),
    StopSignal: str(32),
    StopTimeout: int.min(0).max(86_400),
    StdinOnce: z.boolean(),
    NetworkDisabled: z.boolean(),
    /** ports exposed without a host binding (`--expose`, compose `expose:`), beyond the image's own */
    ExposedPorts: z.array(z.string().regex(/^\d{1,5}\/(tcp|udp|sctp)$/, 'Exposed ports look like 9000/tcp')).max(1024),
    /** `--no-healthcheck`: the image's healthcheck is turned off */
    Healthcheck: z.object({ Test: z.tuple([z.literal('NONE')]) }).strict(),
  })
  .partial()
  .strict();

export const AdvancedHostConfigSchema = z
  .object({
    Devices: z.array(z.object({ PathOnHost: str(), PathInContainer: str(), CgroupPermissions: str(8) }).strict()).max(256),
    DeviceCgroupRules: strList,
    DeviceRequests: z
      .array(
        z
          .object({
            Driver: str(),
            Count: int,
            DeviceIDs: orNone(strList),
            Capabilities: orNone(z.array(strList)),
            Options: orNone(z.record(z.string(), str())),
          })
          .partial()
          .strict(),
      )
      .max(64),
    SecurityOpt: strList,
    Sysctls: z.record(str(255), str()),
    ShmSize: int.nonnegative(),
    IpcMode: str(255),
    PidMode: str(255),
    UTSMode: str(255),
    UsernsMode: str(255),
    CgroupnsMode: z.enum(['host', 'private']),
    Cgroup: str(255),
    CgroupParent: str(),
    GroupAdd: strList,
    OomKillDisable: z.boolean(),
    OomScoreAdj: int.min(-1000).max(1000),
    CpuShares: int.nonnegative(),
    CpuPeriod: int.nonnegative(),
    CpuQuota: int,
    CpuRealtimePeriod: int.nonnegative(),
    CpuRealtimeRuntime: int.nonnegative(),
    CpusetCpus: str(255),
    CpusetMems: str(255),
    MemoryReservation: int.nonnegative(),
    MemorySwap: int.min(-1),
    MemorySwappiness: int.min(-1).max(100),
    PidsLimit: int.min(-1),
    BlkioWeight: int.min(0).max(1000),
    BlkioWeightDevice: z.array(z.object({ Path: str(), Weight: int.min(0).max(1000) }).strict()).max(64),
    BlkioDeviceReadBps: rate,
    BlkioDeviceWriteBps: rate,
    BlkioDeviceReadIOps: rate,
    BlkioDeviceWriteIOps: rate,
    Runtime: str(255),
    PublishAllPorts: z.boolean(),
    AutoRemove: z.boolean(),
    VolumeDriver: str(255),
    StorageOpt: z.record(str(255), str()),
    /** legacy links on the default bridge, as "container:alias" */
    Links: strList,
  })
  .partial()
  .strict();

/** Per network (by name): the static addresses and links of the container's endpoint on it. */
export const AdvancedEndpointSchema = z
  .object({
    IPv4Address: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'IPv4 address like 172.20.0.5'),
    IPv6Address: z.string().regex(/^[0-9a-fA-F:.]+$/, 'IPv6 address like fd00::5'),
    Links: strList,
  })
  .partial()
  .strict();

export const AdvancedSchema = z
  .object({
    config: AdvancedConfigSchema.default({}),
    hostConfig: AdvancedHostConfigSchema.default({}),
    endpoints: z.record(z.string().max(255), AdvancedEndpointSchema).default({}),
  })
  .strict()
  .describe('Engine settings the form does not show, kept as they were (an allowlist of Config/HostConfig keys, checked by the access policy)');

export type Advanced = z.output<typeof AdvancedSchema>;
export { describeAdvanced, EMPTY_ADVANCED } from './launch-advanced-text';
