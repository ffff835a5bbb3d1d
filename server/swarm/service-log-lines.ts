/**
 * A line of a service's log as the Engine sends it with details=1 (pure): after the timestamp, the details as
 * comma-separated, query-escaped key=value pairs (com.docker.swarm.node.id, …service.id, …task.id, and any log-opt
 * labels), one space, then the message. Split here so each line can be shown with its task's name.
 */
interface DetailedLine {
  taskId: string | null;
  nodeId: string | null;
  message: string;
}

const unescape = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

export function splitDetails(line: string): DetailedLine {
  const space = line.indexOf(' ');
  const head = space < 0 ? line : line.slice(0, space);
  // Not details (an Engine that ignored details=1): the whole line is the message.
  if (!/^[^=,\s]+=[^,\s]*(,[^=,\s]+=[^,\s]*)*$/.test(head)) return { taskId: null, nodeId: null, message: line };
  const pairs = new Map(
    head.split(',').map((kv) => {
      const eq = kv.indexOf('=');
      return [unescape(kv.slice(0, eq)), unescape(kv.slice(eq + 1))] as const;
    }),
  );
  return {
    taskId: pairs.get('com.docker.swarm.task.id') ?? null,
    nodeId: pairs.get('com.docker.swarm.node.id') ?? null,
    message: space < 0 ? '' : line.slice(space + 1),
  };
}

/** The line as shown: "task-name@node | message", as "docker service logs" prints it. */
export const labelled = (source: string, message: string) => `${source} | ${message}`;
