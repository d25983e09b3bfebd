import { Box, Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { errorMessage, useWorkflowConfig } from '../api';

interface PanelProps {
  model: string;
  documentId?: string;
  collectionType: string;
}

interface Description {
  state: string;
  stateLabel: string;
  stage: { name: string } | null;
  stages: { key: string; name: string }[];
  hasReleasedVersion: boolean;
  deadline: { dueDate: string | null; provisional: boolean; statusLabel: string | null; workingDaysLeft?: number; workingDaysLate?: number; legalBasis: string | null };
  actions: { action: string; label: string; needsReason: boolean }[];
  history: { seq: number; action: string; actorName: string | null; fromState: string | null; toState: string | null; reason: string | null; occurredAt: string }[];
}

const ACTION_NAMES: Record<string, string> = {
  submit: '提交审核',
  approve: '通过',
  return: '退回',
  release: '发布',
  withdraw: '撤回',
  correct: '更正',
  approval_invalidated: '审核后修改，退回草稿',
  reopened: '撤回后修改',
};

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  disabled: boolean;
  onConfirm: () => void;
  children: React.ReactNode;
}

/** A dialog that asks for one more piece of input (a reason, a time) before an action. */
function ConfirmDialog({ open, onClose, title, confirmLabel, danger, disabled, onConfirm, children }: ConfirmDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>{children}</Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">取消</Button>
          </Dialog.Cancel>
          <Button variant={danger ? 'danger' : 'default'} disabled={disabled} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}

/** The workflow side panel of the edit view: state, stage, who did what, and the actions this user may take. */
function ReviewPanelContent({ model, documentId }: { model: string; documentId: string }) {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [description, setDescription] = React.useState<Description | null>(null);
  const [pending, setPending] = React.useState<{ action: string; label: string; needsReason: boolean } | null>(null);
  const [reason, setReason] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [scheduling, setScheduling] = React.useState(false);
  const [runAt, setRunAt] = React.useState('');

  const schedule = async () => {
    setBusy(true);
    try {
      // The datetime-local value is Beijing time: that is the time editors mean.
      await post('/disclosure/schedule', { uid: model, documentId, kind: 'release', runAt: `${runAt}:00+08:00` });
      toggleNotification({ type: 'success', message: `已安排于 ${runAt.replace('T', ' ')} 定时发布` });
      setScheduling(false);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const load = React.useCallback(async () => {
    const res = await get<{ data: Description }>(`/disclosure/history/${model}/${documentId}`);
    setDescription(res.data.data);
  }, [get, model, documentId]);

  React.useEffect(() => {
    load().catch(() => setDescription(null));
  }, [load]);

  const run = async (action: string, withReason?: string) => {
    setBusy(true);
    try {
      const res = await post<{ data: { warnings?: { message: string }[] } }>('/disclosure/transitions', { uid: model, documentId, action, reason: withReason || undefined });
      const warnings = (res.data.data.warnings ?? []) as { message: string }[];
      toggleNotification({ type: warnings.length ? 'warning' : 'success', message: [`已${ACTION_NAMES[action] ?? action}`, ...warnings.map((w) => w.message)].join('；') });
      setPending(null);
      setReason('');
      // Publishing state and editability change with the workflow: reload the edit view.
      window.location.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (!description) return <Typography variant="pi">正在加载审核状态…</Typography>;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          状态
        </Typography>
        <Typography tag="p" fontWeight="bold">
          {description.stateLabel}
          {description.stage ? `（${description.stage.name}）` : ''}
          {description.hasReleasedVersion && description.state !== 'released' ? ' · 已发布版本仍对外公开' : ''}
        </Typography>
      </Box>
      {description.deadline?.dueDate && (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            公开期限
          </Typography>
          <Typography tag="p">
            {description.deadline.dueDate}
            {description.deadline.provisional ? '（暂定）' : ''} · {description.deadline.statusLabel}
            {description.deadline.workingDaysLeft !== undefined ? `，剩余 ${description.deadline.workingDaysLeft} 个工作日` : ''}
            {description.deadline.workingDaysLate !== undefined ? `，超期 ${description.deadline.workingDaysLate} 个工作日` : ''}
          </Typography>
          {description.deadline.legalBasis && (
            <Typography tag="p" variant="pi" textColor="neutral600">
              {description.deadline.legalBasis}
            </Typography>
          )}
        </Box>
      )}
      {description.actions.length > 0 && (
        <Flex gap={2} wrap="wrap">
          {description.actions.map((a) => (
            <Button
              key={a.action}
              variant={a.action === 'return' || a.action === 'withdraw' ? 'danger-light' : 'secondary'}
              disabled={busy}
              onClick={() => (a.needsReason || (a.action === 'release' && description.deadline?.workingDaysLate !== undefined) ? setPending(a) : run(a.action))}
            >
              {a.label}
            </Button>
          ))}
          {description.actions.some((a) => a.action === 'release') && (
            <Button variant="tertiary" disabled={busy} onClick={() => setScheduling(true)}>
              定时发布
            </Button>
          )}
        </Flex>
      )}
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          审核记录
        </Typography>
        {description.history.length === 0 ? (
          <Typography tag="p" variant="pi">
            暂无记录
          </Typography>
        ) : (
          <Flex tag="ol" direction="column" alignItems="stretch" gap={1}>
            {description.history
              .slice()
              .reverse()
              .map((event) => (
                <Typography tag="li" key={event.seq} variant="pi">
                  {when(event.occurredAt)} {event.actorName ?? '系统'} {ACTION_NAMES[event.action] ?? event.action}
                  {event.reason ? `：${event.reason}` : ''}
                </Typography>
              ))}
          </Flex>
        )}
      </Box>
      <ConfirmDialog open={scheduling} onClose={() => setScheduling(false)} title="定时发布" confirmLabel="确认" disabled={!runAt || busy} onConfirm={schedule}>
        <Field.Root required name="runAt" width="100%" hint="北京时间">
          <Field.Label>发布时间</Field.Label>
          <input
            type="datetime-local"
            aria-label="发布时间（北京时间）"
            value={runAt}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setRunAt(e.target.value)}
            style={{ width: '100%', padding: '8px', fontSize: '14px' }}
          />
          <Field.Hint />
        </Field.Root>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending !== null}
        onClose={() => setPending(null)}
        title={pending?.label ?? ''}
        confirmLabel={`确认${pending?.label ?? ''}`}
        danger
        disabled={!reason.trim() || busy}
        onConfirm={() => pending && run(pending.action, reason)}
      >
        <Field.Root required name="reason" width="100%">
          <Field.Label>理由</Field.Label>
          <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
        </Field.Root>
      </ConfirmDialog>
    </Flex>
  );
}

export const ReviewPanel = ({ model, documentId, collectionType }: PanelProps) => {
  const config = useWorkflowConfig();
  if (!config || !config.contentTypes.includes(model) || collectionType !== 'collection-types' || !documentId) return null;
  return { title: '审核流程', content: <ReviewPanelContent model={model} documentId={documentId} /> };
};
ReviewPanel.type = 'disclosure-review';
