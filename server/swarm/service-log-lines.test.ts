import { describe, expect, it } from 'vitest';
import { labelled, splitDetails } from './service-log-lines';

describe('service log lines', () => {
  it('splits the details Engine 26.1 sends from the message', () => {
    // As the harness manager answered /services/{id}/logs?details=1 (after the timestamp, which the decoder takes off).
    const line =
      'com.docker.swarm.node.id=vw8702a5ghpx8ljyqykg50oi4,com.docker.swarm.service.id=gdfm0cehzt7t29wmramxoydip,com.docker.swarm.task.id=qgarlhr6apkqycxsttrtgl6dc tick d5ab013a8d94';
    expect(splitDetails(line)).toEqual({ taskId: 'qgarlhr6apkqycxsttrtgl6dc', nodeId: 'vw8702a5ghpx8ljyqykg50oi4', message: 'tick d5ab013a8d94' });
  });

  it('reads escaped log-opt labels and an empty message', () => {
    expect(splitDetails('env=a%2Cb,com.docker.swarm.task.id=t1')).toEqual({ taskId: 't1', nodeId: null, message: '' });
  });

  it('leaves a line without details whole', () => {
    expect(splitDetails('hello world')).toEqual({ taskId: null, nodeId: null, message: 'hello world' });
    expect(splitDetails('')).toEqual({ taskId: null, nodeId: null, message: '' });
  });

  it('labels a line as the CLI does', () => {
    expect(labelled('web.1.qgarlhr6apkq@swarm-node1', 'tick')).toBe('web.1.qgarlhr6apkq@swarm-node1 | tick');
  });
});
