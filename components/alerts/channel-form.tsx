'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { AlertChannelView } from '@/lib/alert-channel-types';
import { qk } from '@/lib/query-keys';
import { CHANNEL_KINDS, ChannelCreateSchema, ChannelUpdateSchema } from '@/lib/schemas/alert-channels';
import { channelsApi } from './channel-api';
import { bodyOf, type ChannelFormValues, initialValues } from './channel-form-values';

const KIND_LABEL: Record<string, string> = { webhook: 'Webhook (JSON)', slack: 'Slack', discord: 'Discord', ntfy: 'ntfy', email: 'Email (SMTP)' };

/**
 * Add or edit an alert channel. Secrets (webhook URLs, the signing secret, the ntfy token, the SMTP password) are
 * write-only: the API says only whether one is stored, and on edit an empty field keeps it.
 */
export function ChannelForm({ channel, onClose }: { channel?: AlertChannelView; onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState<ChannelFormValues>(() => initialValues(channel));
  const [problem, setProblem] = useState<{ path: string; message: string } | null>(null);
  const set = (k: keyof ChannelFormValues) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const schema = channel ? ChannelUpdateSchema : ChannelCreateSchema;

  const save = useMutation({
    mutationFn: () => {
      const body = schema.parse(bodyOf(v));
      return channel ? channelsApi.update(channel.id, body) : channelsApi.create(ChannelCreateSchema.parse(body));
    },
    onSuccess: (c) => {
      toast('success', `${channel ? 'Saved' : 'Added'} alert channel ${c.name}`);
      void client.invalidateQueries({ queryKey: qk.alertChannels });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = schema.safeParse(bodyOf(v));
    if (!r.success) {
      const i = r.error.issues[0];
      return setProblem({ path: String(i.path[0] ?? ''), message: i.message });
    }
    setProblem(null);
    save.mutate();
  };
  const err = (p: string) => (problem?.path === p ? problem.message : undefined);
  const stored = (k: keyof AlertChannelView['secretsSet']) => channel?.secretsSet[k] === true;
  // an optional secret that is stored can be forgotten (a required one, the webhook URL, only replaced)
  const clearable =
    v.kind === 'webhook' && stored('signingSecret')
      ? 'Stop signing (forget the stored signing secret)'
      : v.kind === 'ntfy' && stored('token')
        ? 'Forget the stored access token'
        : v.kind === 'email' && (stored('password') || channel?.settings.username)
          ? 'Forget the stored SMTP login'
          : null;
  const field = (k: keyof ChannelFormValues, label: string, hint: string, extra: Record<string, unknown> = {}) => (
    <Field id={`channel-${k}`} label={label} error={err(k)} hint={hint}>
      <input
        id={`channel-${k}`}
        value={String(v[k])}
        onChange={set(k)}
        className={inputClass}
        autoComplete="off"
        spellCheck={false}
        {...extra}
        {...describedBy(`channel-${k}`, err(k))}
      />
    </Field>
  );
  const secret = (k: keyof ChannelFormValues, label: string, set: boolean, hint: string) =>
    field(k, label, set ? 'set — leave blank to keep' : hint, { type: 'password', autoComplete: 'new-password', placeholder: set ? '(set, not shown)' : '' });

  return (
    <Dialog
      open
      onClose={onClose}
      title={channel ? `Edit alert channel ${channel.name}` : 'Add an alert channel'}
      description="Alerts are sent here as they fire and resolve. Secrets are stored encrypted and never shown again."
      className="max-w-lg"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <div className="grid grid-cols-2 gap-3">
          <Field id="channel-kind" label="Kind" hint={channel ? 'The kind cannot change.' : undefined}>
            <select id="channel-kind" value={v.kind} onChange={set('kind')} className={selectClass} disabled={Boolean(channel)}>
              {CHANNEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </Field>
          {field('name', 'Name', 'For people, e.g. ops-slack.')}
        </div>
        {v.kind === 'webhook' || v.kind === 'slack' || v.kind === 'discord'
          ? secret(
              'webhookUrl',
              `${v.kind === 'webhook' ? 'Webhook' : KIND_LABEL[v.kind]} URL`,
              stored('webhookUrl'),
              'http:// or https://; it is a secret (it carries the token).',
            )
          : null}
        {v.kind === 'webhook'
          ? secret('signingSecret', 'Signing secret', stored('signingSecret'), 'Optional: signs each body (X-Berth-Signature: sha256=HMAC).')
          : null}
        {v.kind === 'ntfy' ? (
          <>
            <div className="grid grid-cols-2 gap-3">
              {field('server', 'ntfy server', 'e.g. https://ntfy.sh or your own.')}
              {field('topic', 'Topic', 'Letters, digits, "_" and "-".')}
            </div>
            {secret('token', 'Access token', stored('token'), 'Optional, for protected topics.')}
          </>
        ) : null}
        {v.kind === 'email' ? (
          <>
            <div className="grid grid-cols-3 gap-3">
              {field('host', 'SMTP host', 'e.g. smtp.example.com')}
              {field('port', 'Port', '587, 465 or 25', { inputMode: 'numeric' })}
              <Field id="channel-security" label="Security">
                <select id="channel-security" value={v.security} onChange={set('security')} className={selectClass}>
                  <option value="starttls">STARTTLS</option>
                  <option value="tls">TLS</option>
                  <option value="none">None (local relay)</option>
                </select>
              </Field>
            </div>
            <div className="grid grid-cols-2 gap-3">
              {field('from', 'From', 'e.g. berth@example.com')}
              {field('to', 'To', 'One or more, separated by commas.')}
            </div>
            <div className="grid grid-cols-2 gap-3">
              {field('username', 'User name', 'Leave empty for no login.')}
              {secret('password', 'Password', stored('password'), 'Stored encrypted.')}
            </div>
          </>
        ) : null}
        {clearable ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={v.clear} onChange={(e) => setV({ ...v, clear: e.target.checked })} />
            {clearable}
          </label>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={v.enabled} onChange={(e) => setV({ ...v, enabled: e.target.checked })} />
          Enabled
        </label>
        <DialogFooter error={save.error} pending={save.isPending} onCancel={onClose} submitLabel={channel ? 'Save' : 'Add channel'} />
      </form>
    </Dialog>
  );
}
