import { Box, Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { errorMessage, useWorkflowConfig } from '../api';
import { useEditViewDocument } from './document-query';
import { Lock, LockStyle, OrganizationPrefill, setLock, useLockedForm } from './form-rules';
import { EntryDiff, VersionDiff } from './VersionDiff';

interface PanelProps {
  model: string;
  documentId?: string;
  collectionType: string;
}

interface Description {
  state: string;
  stateLabel: string;
  stage: StageRef | null;
  stages: StageRef[];
  hasReleasedVersion: boolean;
  deadline: { dueDate: string | null; provisional: boolean; statusLabel: string | null; workingDaysLeft?: number; workingDaysLate?: number; legalBasis: string | null };
  /** Every action the state allows: available, or not with the reason (from the server's workflow rules). */
  options: ActionOption[];
  history: HistoryEvent[];
  /** Why the form is locked in this state (saves are refused), or null. */
  lock: Lock | null;
  /** The draft against the latest released version (null if never released). */
  diff?: EntryDiff | null;
}

interface ActionOption {
  action: string;
  label: string;
  needsReason: boolean;
  available: boolean;
  code?: string;
  message?: string;
}

interface StageRef {
  key: string;
  name: string;
}

interface HistoryEvent {
  seq: number;
  action: string;
  actionLabel: string;
  stage: StageRef | null;
  nextStage: StageRef | null;
  actorName: string | null;
  occurredAt: string;
  comment: string | null;
  reason: string | null;
}

interface Audience {
  title: string;
  indexNumber: string | null;
  type: { uid: string; name: string };
  organization: { name: string } | null;
  category: { name: string } | null;
  sites: { documentId: string; name: string; push: boolean }[];
}

/** What each action's dialog says before it is taken. */
const INTRO: Record<string, string> = {
  return: '退回后条目回到草稿，由编辑修改后重新提交。理由将告知编辑并记入审核记录。',
  withdraw: '撤回后该信息不再对外公开，接入网站将收到撤回通知。理由将记入审核记录。',
  correct: '更正将生成一个新版本，须重新审核后发布；在此之前，已发布的版本继续对外公开。理由将记入审核记录并告知审核人员。',
};

const GREEN = new Set(['approve', 'release']);

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

/** What goes public, and where: shown before the publisher confirms a release. */
function ReleaseSummary({ audience, failed }: { audience: Audience | null; failed: string | null }) {
  if (failed) return <Typography textColor="danger600">无法确认发布范围：{failed}</Typography>;
  if (!audience) return <Typography>正在确认发布范围…</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography tag="p">发布后以下信息将对外公开：</Typography>
      <Box padding={3} background="neutral100" hasRadius>
        <Typography tag="p" fontWeight="bold">
          {audience.title}
        </Typography>
        <Typography tag="p" variant="pi">
          索引号：{audience.indexNumber ?? '—'} · 类型：{audience.type.name}
          {audience.organization ? ` · 发布机构：${audience.organization.name}` : ''}
          {audience.category ? ` · 公开目录分类：${audience.category.name}` : ''}
        </Typography>
      </Box>
      {audience.sites.length === 0 ? (
        <Typography tag="p">没有接入网站的范围包含此信息：发布后仅在本系统的公开门户中公开。</Typography>
      ) : (
        <>
          <Typography tag="p">将在本系统的公开门户公开，并由以下 {audience.sites.length} 个接入网站接收：</Typography>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
            {audience.sites.map((site) => (
              <Typography tag="li" key={site.documentId}>
                · {site.name}
                <Typography variant="pi" textColor="neutral600">
                  {site.push ? '（推送通知）' : '（通过内容接口读取，不推送）'}
                </Typography>
              </Typography>
            ))}
          </Flex>
        </>
      )}
    </Flex>
  );
}

/** The workflow side panel of the edit view: state, stage, who did what, and the actions this user may take. */
function ReviewPanelContent({ model, documentId, collectionType }: { model: string; documentId: string; collectionType: string }) {
  const { get, post } = useFetchClient();
  const { refetch } = useEditViewDocument(collectionType, model, documentId);
  const { toggleNotification } = useNotification();
  const [description, setDescription] = React.useState<Description | null>(null);
  const [pending, setPending] = React.useState<ActionOption | null>(null);
  const [reason, setReason] = React.useState('');
  const [audience, setAudience] = React.useState<Audience | null>(null);
  const [audienceFailed, setAudienceFailed] = React.useState<string | null>(null);
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

  const anchor = React.useRef<HTMLDivElement>(null);
  const load = React.useCallback(async () => {
    const res = await get<{ data: Description }>(`/disclosure/history/${model}/${documentId}`);
    setDescription(res.data.data);
    setLock(model, documentId, res.data.data.lock ?? null);
  }, [get, model, documentId]);
  useLockedForm(anchor, description?.lock ?? null);

  React.useEffect(() => {
    load().catch(() => setDescription(null));
  }, [load]);

  const open = (option: ActionOption) => {
    setReason('');
    setPending(option);
    if (option.action === 'release') {
      setAudience(null);
      setAudienceFailed(null);
      get<{ data: Audience }>(`/disclosure/audience/${model}/${documentId}`)
        .then((res) => setAudience(res.data.data))
        .catch((error) => setAudienceFailed(errorMessage(error)));
    }
  };

  const run = async (option: ActionOption, text: string) => {
    const { action } = option;
    setBusy(true);
    try {
      // A 审核意见 goes with an approval; 退回, 撤回, 更正 and a late release state a reason.
      // Approving or returning names the stage on screen: the server refuses if the entry has moved on meanwhile.
      const stage = action === 'approve' || action === 'return' ? description?.stage?.key : undefined;
      const body = { uid: model, documentId, action, stage, ...(action === 'approve' ? { comment: text.trim() || undefined } : { reason: text.trim() || undefined }) };
      const res = await post<{ data: { warnings?: { message: string }[] } }>('/disclosure/transitions', body);
      const warnings = (res.data.data.warnings ?? []) as { message: string }[];
      toggleNotification({ type: warnings.length ? 'warning' : 'success', message: [`已${option.label}`, ...warnings.map((w) => w.message)].join('；') });
      setPending(null);
      setReason('');
      // Publishing state and editability change with the workflow: refresh the edit view's document and this panel.
      await Promise.all([refetch(), load()]);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (!description) return <Typography variant="pi">正在加载审核状态…</Typography>;

  const reasonRequired = (option: ActionOption) => option.needsReason || (option.action === 'release' && description.deadline?.workingDaysLate !== undefined);

  return (
    <Flex ref={anchor} direction="column" alignItems="stretch" gap={3} width="100%">
      {description.lock && (
        <Box padding={3} background="warning100" borderColor="warning200" hasRadius data-lock={description.lock.code}>
          <LockStyle />
          <Typography tag="p" fontWeight="bold" textColor="warning700">
            {description.lock.message}
          </Typography>
        </Box>
      )}
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
      {description.options.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          {description.options.map((o) => (
            <Flex key={o.action} direction="column" alignItems="stretch" gap={1}>
              <Button
                variant={o.action === 'return' || o.action === 'withdraw' ? 'danger-light' : GREEN.has(o.action) ? 'success-light' : 'secondary'}
                disabled={busy || !o.available}
                fullWidth
                onClick={() => open(o)}
              >
                {o.action === 'approve' && description.stage ? `通过（${description.stage.name}）` : o.label}
              </Button>
              {!o.available && o.message && (
                <Typography variant="pi" textColor="neutral600" data-unavailable={o.action}>
                  {o.message}
                </Typography>
              )}
            </Flex>
          ))}
          {description.options.some((o) => o.action === 'release' && o.available) && (
            <Button variant="tertiary" disabled={busy} fullWidth onClick={() => setScheduling(true)}>
              定时发布
            </Button>
          )}
        </Flex>
      )}
      {description.diff && (
        // A released entry's draft is the released version: only the list of past versions is worth showing then.
        <VersionDiff diff={description.diff} showChanges={description.state !== 'released'} model={model} documentId={documentId} />
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
                <Box tag="li" key={event.seq} paddingBottom={1}>
                  <Typography variant="pi" textColor="neutral600">
                    {when(event.occurredAt)}
                  </Typography>
                  <Typography tag="p" variant="pi">
                    <b>{event.actorName ?? '系统'}</b> {event.actionLabel}
                    {event.stage ? `（${event.stage.name}）` : ''}
                    {event.action === 'submit' && event.nextStage ? `，进入“${event.nextStage.name}”` : ''}
                    {event.action === 'approve' && event.nextStage ? `，转“${event.nextStage.name}”` : ''}
                  </Typography>
                  {event.comment && (
                    <Typography tag="p" variant="pi" textColor="neutral700">
                      审核意见：{event.comment}
                    </Typography>
                  )}
                  {event.reason && (
                    <Typography tag="p" variant="pi" textColor="neutral700">
                      理由：{event.reason}
                    </Typography>
                  )}
                </Box>
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
        onClose={() => !busy && setPending(null)}
        title={pending?.action === 'approve' && description.stage ? `通过“${description.stage.name}”` : (pending?.label ?? '')}
        confirmLabel={`确认${pending?.label ?? ''}`}
        danger={pending?.action === 'return' || pending?.action === 'withdraw'}
        disabled={busy || (pending !== null && reasonRequired(pending) && !reason.trim()) || (pending?.action === 'release' && !audience)}
        onConfirm={() => pending && run(pending, reason)}
      >
        <Flex direction="column" alignItems="stretch" gap={3} width="100%">
          {pending?.action === 'submit' && (
            <Typography tag="p">
              提交后进入“{description.stages[0]?.name ?? '审核'}”，审核期间不能修改内容。确定提交审核？
            </Typography>
          )}
          {pending?.action === 'approve' && (
            <Typography tag="p">
              {description.stage && description.stages.findIndex((s) => s.key === description.stage?.key) < description.stages.length - 1
                ? `通过后转入“${description.stages[description.stages.findIndex((s) => s.key === description.stage?.key) + 1].name}”。`
                : '这是最后一个审核环节，通过后等待发布。'}
            </Typography>
          )}
          {pending && INTRO[pending.action] && <Typography tag="p">{INTRO[pending.action]}</Typography>}
          {pending?.action === 'release' && <ReleaseSummary audience={audience} failed={audienceFailed} />}
          {pending && (pending.action !== 'submit' && (pending.action !== 'release' || description.deadline?.workingDaysLate !== undefined)) && (
            <Field.Root required={reasonRequired(pending)} name={pending.action === 'approve' ? 'comment' : 'reason'} width="100%">
              <Field.Label>{pending.action === 'approve' ? '审核意见（选填）' : pending.action === 'release' ? '超期理由' : '理由'}</Field.Label>
              <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
            </Field.Root>
          )}
        </Flex>
      </ConfirmDialog>
    </Flex>
  );
}

export const ReviewPanel = ({ model, documentId, collectionType }: PanelProps) => {
  const config = useWorkflowConfig();
  if (!config || !config.contentTypes.includes(model) || collectionType !== 'collection-types') return null;
  return { title: '审核流程', content: documentId ? <ReviewPanelContent model={model} documentId={documentId} collectionType={collectionType} /> : <OrganizationPrefill /> };
};
ReviewPanel.type = 'disclosure-review';
