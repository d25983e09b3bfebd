import { useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';

export interface WorkflowConfig {
  contentTypes: string[];
  stages: Record<string, { key: string; name: string; role: string }[]>;
}

let configPromise: Promise<WorkflowConfig> | null = null;

/** Which content types the workflow governs (fetched once per page load). */
export function useWorkflowConfig(): WorkflowConfig | null {
  const { get } = useFetchClient();
  const [config, setConfig] = React.useState<WorkflowConfig | null>(null);
  React.useEffect(() => {
    configPromise ??= get('/disclosure/config').then((res: any) => res.data.data as WorkflowConfig);
    let live = true;
    configPromise.then((c) => live && setConfig(c)).catch(() => live && setConfig({ contentTypes: [], stages: {} }));
    return () => {
      live = false;
    };
  }, [get]);
  return config;
}

/** The server's message for a failed request, in the one error shape. */
export function errorMessage(error: any): string {
  const body = error?.response?.data?.error;
  // Strapi's own refusals (a route's policy, a missing permission) carry no code of ours and say "Policy Failed" or "Forbidden".
  if ((error?.status ?? body?.status) === 403 && !body?.details?.code) return '您没有权限进行此操作，请联系系统管理员';
  const findings = body?.details?.findings as { message: string }[] | undefined;
  const base = body?.message ?? error?.message ?? '操作失败';
  return findings?.length ? `${base}\n${findings.map((f) => `· ${f.message}`).join('\n')}` : base;
}

/** Saves an admin download (the admin JWT goes in a header, so a plain link cannot fetch it). */
export async function download(token: string | null, path: string, filename: string) {
  const backend = (window as any).strapi?.backendURL ?? '';
  const response = await fetch(`${backend}${path}`, { credentials: 'include', headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    let message = `下载失败（${response.status}）`;
    try {
      message = (await response.json())?.error?.message ?? message;
    } catch {
      /* not JSON */
    }
    throw new Error(message);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
