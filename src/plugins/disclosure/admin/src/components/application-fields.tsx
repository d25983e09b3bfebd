import { Box, Checkbox, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useAuth } from '@strapi/strapi/admin';
import * as React from 'react';
import { OUTCOME_OPTION_GROUPS } from '../applications';

/** Today in Beijing, 'YYYY-MM-DD': the default of the date an action records. */
export function todayInBeijing(): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Field errors of the one error shape, by the first segment of their path. */
export function fieldErrors(error: any): Record<string, string> {
  const errors = error?.response?.data?.error?.details?.errors as { path?: (string | number)[]; message: string }[] | undefined;
  const byField: Record<string, string> = {};
  for (const e of errors ?? []) {
    const key = (e.path ?? []).filter((segment) => typeof segment === 'string').join('.');
    if (key && !byField[key]) byField[key] = e.message;
  }
  return byField;
}

/** The admin's token, for the two answers that are HTML (the fetch client reads only JSON from a POST). */
export function useAdminToken(): string | null {
  return useAuth('Applications', (state: { token: string | null }) => state.token);
}

/** Fetches an HTML answer of the admin API; rejects with the server's Chinese message. */
export async function fetchHtml(token: string | null, path: string, body?: unknown): Promise<string> {
  const backend = (window as any).strapi?.backendURL ?? '';
  const response = await fetch(`${backend}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'include',
    headers: { Accept: 'text/html, application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.ok) return text;
  let message = `操作失败（${response.status}）`;
  let parsed: any = null;
  try {
    parsed = JSON.parse(text);
    message = parsed?.error?.message ?? message;
  } catch {
    // not JSON: keep the status
  }
  const error: any = new Error(message);
  error.response = { data: parsed };
  error.status = response.status;
  throw error;
}

interface BaseProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

export function DateField({ name, label, hint, error, required, value, onChange }: BaseProps & { value: string; onChange: (value: string) => void }) {
  return (
    <Field.Root name={name} hint={hint} error={error} required={required}>
      <Field.Label>{label}</Field.Label>
      <TextInput type="date" value={value} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export function TextField({ name, label, hint, error, required, value, onChange, multiline, maxLength }: BaseProps & { value: string; onChange: (value: string) => void; multiline?: boolean; maxLength?: number }) {
  return (
    <Field.Root name={name} hint={hint} error={error} required={required}>
      <Field.Label>{label}</Field.Label>
      {multiline ? (
        <Textarea value={value} maxLength={maxLength} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} />
      ) : (
        <TextInput value={value} maxLength={maxLength} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)} />
      )}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export function NumberField({ name, label, hint, error, required, value, onChange }: BaseProps & { value: number | undefined; onChange: (value: number | undefined) => void }) {
  return (
    <Field.Root name={name} hint={hint} error={error} required={required}>
      <Field.Label>{label}</Field.Label>
      <NumberInput value={value} onValueChange={(next: number | undefined) => onChange(next)} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  options,
  placeholder = '请选择',
}: BaseProps & { value: string; onChange: (value: string) => void; options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <Field.Root name={name} hint={hint} error={error} required={required}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value || undefined} placeholder={placeholder} onChange={(next: string | number) => onChange(String(next))}>
        {options.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export function CheckboxField({ name, label, checked, onChange }: { name: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Box paddingTop={2}>
      <Checkbox name={name} checked={checked} onCheckedChange={(next: boolean | 'indeterminate') => onChange(next === true)}>
        {label}
      </Checkbox>
    </Box>
  );
}

/**
 * 办理结果, grouped under the annual-report template's headings （一）…（六）: a native select, because only it groups
 * options (optgroup) for every browser and screen reader.
 */
export function OutcomeField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const id = 'reply-outcome';
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <label htmlFor={id}>
        <Typography variant="pi" fontWeight="bold" textColor="neutral800">
          办理结果
        </Typography>
        <Typography variant="pi" textColor="danger600">
          *
        </Typography>
      </label>
      <select
        id={id}
        name="outcome"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        style={{
          font: 'inherit',
          fontSize: '1.4rem',
          padding: '0.8rem 1rem',
          borderRadius: '4px',
          border: `1px solid ${error ? '#d02b20' : '#dcdce4'}`,
          background: '#fff',
          color: '#32324d',
        }}
      >
        <option value="">请选择办理结果</option>
        {OUTCOME_OPTION_GROUPS.map((group) => (
          <optgroup key={group.group} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error && (
        <Typography id={`${id}-error`} variant="pi" textColor="danger600">
          {error}
        </Typography>
      )}
    </Flex>
  );
}
