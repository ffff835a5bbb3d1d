import { docker, harness, uniqueName } from './support';

/**
 * The admin-made neighbours the operator-policy tests try to borrow powers from: one like Berth's own health agent
 * (the host's PID namespace, SYS_ADMIN and SYS_PTRACE, no network), and one with a host bind that volumes_from would
 * copy. Both are made with the docker CLI, as an admin would, on the daemon under test.
 */
export async function powerfulNeighbours(socket: string): Promise<{ agentLike: string; binder: string }> {
  const image = harness().TEST_IMAGE;
  const agentLike = uniqueName('agentlike');
  const binder = uniqueName('binder');
  await docker(
    socket,
    'run',
    '-d',
    '--name',
    agentLike,
    '--pid',
    'host',
    '--cap-add',
    'SYS_ADMIN',
    '--cap-add',
    'SYS_PTRACE',
    '--network',
    'none',
    image,
    'sleep',
    '600',
  );
  await docker(socket, 'create', '--name', binder, '-v', '/etc:/host-etc:ro', image, 'sleep', '600');
  return { agentLike, binder };
}
