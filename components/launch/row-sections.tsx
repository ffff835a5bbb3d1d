'use client';

import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { KeyValueRows, Rows } from '@/components/ui/form-rows';
import { parseDotenv } from '@/lib/schemas/launch-text';
import { idOf, RowInput, RowSelect } from './fields';
import type { LaunchFormValues } from './form-model';

type EnvRowValue = LaunchFormValues['env'][number];

export const EnvRows = () => (
  <KeyValueRows name="env" what="variable" keyHint="NAME" RowInput={RowInput} extra={(replace) => <DotenvPaste replace={replace} />} />
);
export const LabelRows = () => <KeyValueRows name="labels" what="label" keyHint="key" RowInput={RowInput} />;

/** Paste a .env block: every usable line becomes a row (replacing rows with the same name); bad lines are listed. */
function DotenvPaste({ replace }: { replace: (rows: EnvRowValue[]) => void }) {
  const { getValues } = useFormContext<LaunchFormValues>();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const add = () => {
    const { rows, errors: bad } = parseDotenv(text);
    const keep = getValues('env').filter((r) => r.key.trim() && !rows.some((n) => n.key === r.key.trim()));
    replace([...keep, ...rows]);
    setErrors(bad);
    if (!bad.length) {
      setText('');
      setOpen(false);
    }
  };
  if (!open)
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Paste .env…
      </Button>
    );
  return (
    <div className="flex w-full flex-col gap-1.5">
      <label htmlFor="launch-dotenv" className="text-xs font-medium">
        Paste a .env block (KEY=value per line; # comments and quotes are understood)
      </label>
      <textarea
        id="launch-dotenv"
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={cn(inputClass, 'font-mono text-xs')}
        spellCheck={false}
      />
      {errors.length ? (
        <ul className="text-xs font-medium text-red-600 dark:text-red-400" data-testid="dotenv-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <Button size="sm" variant="primary" onClick={add}>
          Add variables
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export function PortRows() {
  return (
    <Rows name="ports" what="port" blank={{ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' }}>
      {(i) => (
        <>
          <RowInput name={`ports.${i}.hostIp`} label={`Port ${i + 1} host IP`} placeholder="0.0.0.0" className="w-28" />
          <RowInput name={`ports.${i}.hostPort`} label={`Port ${i + 1} host port`} placeholder="random" className="w-28" />
          <span className="pt-1.5 text-zinc-400">→</span>
          <RowInput name={`ports.${i}.containerPort`} label={`Port ${i + 1} container port`} placeholder="80" className="w-28" />
          <RowSelect name={`ports.${i}.protocol`} label={`Port ${i + 1} protocol`} options={['tcp', 'udp', 'sctp']} className="w-20" />
        </>
      )}
    </Rows>
  );
}

function VolumeRow({ i }: { i: number }) {
  const type = useWatch<LaunchFormValues>({ name: `volumes.${i}.type` });
  const reused = useWatch<LaunchFormValues>({ name: `volumes.${i}.source` });
  const { register } = useFormContext<LaunchFormValues>();
  return (
    <>
      <RowSelect name={`volumes.${i}.type`} label={`Volume ${i + 1} type`} options={['volume', 'bind', 'anonymous']} className="w-28" />
      {type === 'anonymous' ? (
        <span className="w-2/5 pt-1.5 text-xs text-zinc-500">{reused ? 'keeps its current anonymous volume' : 'a new anonymous volume'}</span>
      ) : (
        <RowInput
          name={`volumes.${i}.source`}
          label={`Volume ${i + 1} ${type === 'bind' ? 'host path' : 'volume name'}`}
          placeholder={type === 'bind' ? '/srv/data' : 'app-data'}
          className="w-2/5"
        />
      )}
      <span className="pt-1.5 text-zinc-400">→</span>
      <RowInput name={`volumes.${i}.target`} label={`Volume ${i + 1} container path`} placeholder="/data" className="flex-1" />
      <label className="flex items-center gap-1 pt-1.5 text-xs whitespace-nowrap">
        <input type="checkbox" id={idOf(`volumes.${i}.readOnly`)} {...register(`volumes.${i}.readOnly`)} /> read-only
      </label>
    </>
  );
}

export const VolumeRows = () => (
  <Rows name="volumes" what="volume" blank={{ type: 'volume', source: '', target: '', readOnly: false }}>
    {(i) => <VolumeRow i={i} />}
  </Rows>
);

export const NetworkRows = () => (
  <Rows name="networks" what="network" blank={{ name: '', aliases: '' }}>
    {(i) => (
      <>
        <RowInput name={`networks.${i}.name`} label={`Network ${i + 1} name`} placeholder="bridge" className="w-2/5" />
        <RowInput name={`networks.${i}.aliases`} label={`Network ${i + 1} aliases`} placeholder="aliases, comma separated" className="flex-1" />
      </>
    )}
  </Rows>
);
