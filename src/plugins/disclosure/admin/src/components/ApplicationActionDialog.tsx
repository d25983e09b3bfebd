import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import * as React from 'react';
import { errorMessage } from '../api';
import {
  type ApplicationAction,
  type ApplicationDetail,
  CONSULTATION_KIND_OPTIONS,
  FEE_METHOD_OPTIONS,
  REPLY_DETAIL_LABELS,
  replyDetailFields,
  type ReplyDetailKey,
} from '../applications';
import { CheckboxField, DateField, fetchHtml, fieldErrors, NumberField, OutcomeField, SelectField, TextField, todayInBeijing, useAdminToken } from './application-fields';
import { LetterFrame } from './LetterFrame';

type Values = Record<string, any>;

/** What each action field asks, in Chinese; `optional` fields may stay empty (the server fills in its default). */
const FIELD_LABELS: Record<string, { label: string; hint?: string; optional?: boolean }> = {
  receivedOn: { label: '收到日期', hint: '当面提交：提交当日；挂号信：签收之日；平常信函：与申请人确认之日；网络申请：确认收到之日（条例第三十一条）' },
  handlerId: { label: '承办人' },
  request: { label: '需要补正的事项', hint: '一次性告知申请人需要补正的事项和合理的补正期限（条例第三十条）' },
  requestedOn: { label: '补正通知日期' },
  dueOn: { label: '补正期限', hint: '不填则按默认期限计算', optional: true },
  party: { label: '征求意见对象', hint: '第三方或其他机关的名称' },
  kind: { label: '对象类别' },
  sentOn: { label: '发出征求意见日期', hint: '第三方自收到之日起15个工作日内提出意见；征求意见所需时间不计入答复期限（条例第三十二条）' },
  index: { label: '征求意见' },
  answeredOn: { label: '收到意见日期' },
  opinion: { label: '意见内容', optional: true },
  reason: { label: '理由' },
  method: { label: '收费方式', hint: '按件或按量，只选一种（国办函〔2020〕109号）' },
  ordinalInMonth: { label: '本月第几件申请', hint: '同一申请人一个自然月内的第几件申请' },
  pages: { label: '页数' },
  noticeOn: { label: '收费通知日期', hint: '不填则为今天；申请人应在通知之日起20个工作日内缴费', optional: true },
  paidOn: { label: '缴费日期' },
  repliedOn: { label: '答复日期', optional: true },
};

const RECEIVED_ON_LABELS: Record<string, string> = { confirm_receipt: '收到申请日期', receive_correction: '收到补正日期' };
const DATE_FIELDS = new Set(['receivedOn', 'requestedOn', 'dueOn', 'sentOn', 'answeredOn', 'noticeOn', 'paidOn', 'repliedOn']);
const OPTIONAL_EMPTY_DATES = new Set(['dueOn', 'noticeOn']);
const TEXTAREAS = new Set(['request', 'opinion', 'reason']);

interface Props {
  application: ApplicationDetail;
  action: ApplicationAction | null;
  onClose: () => void;
  onDone: (detail: ApplicationDetail, label: string) => void;
}

/** One action's dialog: its fields, the server's field errors next to them, and for a reply the letter to preview first. */
export function ApplicationActionDialog({ application, action, onClose, onDone }: Props) {
  const { post } = useFetchClient();
  const token = useAdminToken();
  const [values, setValues] = React.useState<Values>({});
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [failure, setFailure] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [preview, setPreview] = React.useState<{ html: string; of: string } | null>(null);

  React.useEffect(() => {
    if (!action) return;
    const initial: Values = {};
    for (const field of action.fields) {
      if (DATE_FIELDS.has(field) && !OPTIONAL_EMPTY_DATES.has(field)) initial[field] = todayInBeijing();
    }
    if (action.fields.includes('index')) {
      const open = application.consultations.findIndex((c) => !c.answeredOn);
      if (open >= 0) initial.index = String(open);
    }
    if (action.fields.includes('kind')) initial.kind = 'third_party';
    if (action.action === 'reply') {
      initial.details = {};
      // Before receipt is confirmed only an in-person application can be answered, and only on the spot.
      if (application.state === 'submitted') initial.onTheSpot = true;
    }
    setValues(initial);
    setErrors({});
    setFailure(null);
    setPreview(null);
  }, [action, application]);

  if (!action) return null;
  const set = (key: string, value: unknown) => setValues((v) => ({ ...v, [key]: value }));
  const setDetail = (key: ReplyDetailKey, value: string) => setValues((v) => ({ ...v, details: { ...(v.details ?? {}), [key]: value } }));
  const isReply = action.action === 'reply';

  /** Fields that do not apply to the values chosen so far: the other fee method's count, a spot reply's date. */
  const hidden = (field: string) =>
    (field === 'ordinalInMonth' && values.method !== 'piece') || (field === 'pages' && values.method !== 'volume') || (field === 'repliedOn' && values.onTheSpot === true);

  /** The request body: empty optional fields left out, numbers as numbers, a reply's details only for its outcome. */
  const body = (): Values => {
    const out: Values = { action: action.action };
    for (const field of action.fields) {
      if (hidden(field)) continue;
      const value = values[field];
      if (field === 'details') continue;
      if (value === undefined || value === '' || value === null) continue;
      out[field] = field === 'index' || field === 'handlerId' ? Number(value) : value;
    }
    if (isReply && values.outcome) {
      const details = Object.fromEntries(replyDetailFields(values.outcome).map((key) => [key, (values.details?.[key] ?? '').trim()]).filter(([, v]) => v));
      if (Object.keys(details).length) out.details = details;
    }
    return out;
  };
  const previewKey = JSON.stringify(body());

  const showPreview = async () => {
    setFailure(null);
    setErrors({});
    if (!values.outcome) {
      setErrors({ outcome: '请选择办理结果' });
      return;
    }
    setBusy(true);
    try {
      const { action: _action, ...rest } = body();
      const html = await fetchHtml(token, `/disclosure/applications/${application.documentId}/letter-preview`, { outcome: rest.outcome, details: rest.details });
      setPreview({ html, of: previewKey });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  /** Field errors go next to their fields; the box says only what no field shows. */
  const refused = (error: unknown) => {
    const byField = fieldErrors(error);
    const shown = new Set([...action.fields, ...(values.outcome ? replyDetailFields(values.outcome).map((key) => `details.${key}`) : [])]);
    setErrors(byField);
    const elsewhere = Object.entries(byField).filter(([key]) => !shown.has(key));
    setFailure(Object.keys(byField).length === 0 ? errorMessage(error) : elsewhere.length ? elsewhere.map(([, message]) => message).join('\n') : null);
  };

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const res: any = await post(`/disclosure/applications/${application.documentId}/actions`, body());
      onDone(res.data.data, action.label);
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  const previewCurrent = preview !== null && preview.of === previewKey;

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && !busy && onClose()}>
      <Modal.Content style={isReply ? { width: 'min(960px, 94vw)', maxWidth: 'none' } : undefined}>
        <Modal.Header closeLabel="关闭">
          <Modal.Title>
            {action.label}：{application.trackingCode}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {action.fields.length === 0 && !isReply && <Typography>确定对申请 {application.trackingCode} 执行“{action.label}”？</Typography>}
            {isReply && <OutcomeField value={values.outcome ?? ''} error={errors.outcome} onChange={(value) => set('outcome', value)} />}
            {action.fields
              .filter((field) => !hidden(field) && !(isReply && ['outcome', 'details', 'onTheSpot'].includes(field)))
              .map((field) => (
                <ActionField key={field} action={action.action} field={field} application={application} value={values[field] ?? ''} error={errors[field]} onChange={(value) => set(field, value)} />
              ))}
            {isReply && (
              <>
                {values.outcome &&
                  replyDetailFields(values.outcome).map((key) => (
                    <TextField
                      key={key}
                      name={`details.${key}`}
                      label={REPLY_DETAIL_LABELS[key].label}
                      hint={REPLY_DETAIL_LABELS[key].hint}
                      error={errors[`details.${key}`]}
                      multiline={key !== 'rightOrgan'}
                      value={values.details?.[key] ?? ''}
                      onChange={(value) => setDetail(key, value)}
                    />
                  ))}
                {action.fields.includes('onTheSpot') && application.state !== 'submitted' && (
                  <CheckboxField name="onTheSpot" label="当场答复（答复日期即收到申请之日）" checked={values.onTheSpot === true} onChange={(checked) => set('onTheSpot', checked)} />
                )}
                <Flex gap={2}>
                  <Button variant="secondary" onClick={showPreview} loading={busy && !previewCurrent} disabled={busy}>
                    预览答复告知书
                  </Button>
                  {!previewCurrent && (
                    <Typography variant="pi" textColor="neutral600">
                      答复前请先预览答复告知书{preview ? '（内容已修改，请重新预览）' : ''}
                    </Typography>
                  )}
                </Flex>
                {preview && <LetterFrame html={preview.html} title="答复告知书预览" height="520px" />}
              </>
            )}
            {failure && (
              <Box padding={3} background="danger100" hasRadius role="alert">
                <Typography textColor="danger700" style={{ whiteSpace: 'pre-line' }}>
                  {failure}
                </Typography>
              </Box>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose} disabled={busy}>
            取消
          </Button>
          <Button
            variant={['withdraw', 'close_no_correction', 'close_fee_unpaid'].includes(action.action) ? 'danger' : 'default'}
            onClick={submit}
            loading={busy && (!isReply || previewCurrent)}
            disabled={busy || (isReply && !previewCurrent)}
          >
            {isReply ? '确认答复' : action.label}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}

interface FieldProps {
  action: string;
  field: string;
  application: ApplicationDetail;
  value: any;
  error?: string;
  onChange: (value: any) => void;
}

function ActionField({ action, field, application, value, error, onChange }: FieldProps) {
  const spec = FIELD_LABELS[field] ?? { label: field };
  const label = field === 'receivedOn' ? (RECEIVED_ON_LABELS[action] ?? spec.label) : field === 'reason' && action === 'extend' ? '延期理由' : field === 'reason' && action === 'fee_waive' ? '减免理由' : field === 'reason' && action === 'withdraw' ? '撤回说明' : spec.label;
  const common = { name: field, label, hint: spec.hint, error, required: !spec.optional };
  if (field === 'handlerId') return <HandlerField {...common} value={String(value ?? '')} onChange={onChange} organization={application.receivingOrganization?.documentId ?? null} />;
  if (field === 'kind') return <SelectField {...common} value={value} onChange={onChange} options={CONSULTATION_KIND_OPTIONS} />;
  if (field === 'method') return <SelectField {...common} value={value} onChange={onChange} options={FEE_METHOD_OPTIONS} />;
  if (field === 'index') {
    const options = application.consultations.map((c, i) => ({ value: String(i), label: `${c.party}（${c.sentOn} 发出${c.answeredOn ? `，${c.answeredOn} 已答复` : ''}）` }));
    return <SelectField {...common} value={String(value ?? '')} onChange={onChange} options={options} />;
  }
  if (field === 'ordinalInMonth' || field === 'pages') return <NumberField {...common} value={value === '' ? undefined : value} onChange={onChange} />;
  if (field === 'onTheSpot') return <CheckboxField name={field} label="当场答复" checked={value === true} onChange={onChange} />;
  if (DATE_FIELDS.has(field)) return <DateField {...common} value={value} onChange={onChange} />;
  return <TextField {...common} value={value} onChange={onChange} multiline={TEXTAREAS.has(field)} maxLength={field === 'party' ? 200 : 2000} />;
}

interface StaffOption {
  id: number;
  name: string;
  organization: { documentId: string } | null;
}

/** 承办人: the receiving organization's staff when this user may list users, else this user. */
function HandlerField({ organization, value, onChange, ...common }: { name: string; label: string; hint?: string; error?: string; required?: boolean; organization: string | null; value: string; onChange: (value: string) => void }) {
  const { get } = useFetchClient();
  const me = useAuth('HandlerField', (state: any) => state.user) as { id: number; firstname?: string; lastname?: string } | undefined;
  const [staff, setStaff] = React.useState<StaffOption[] | null>(null);
  React.useEffect(() => {
    get('/disclosure/staff')
      .then((res: any) => setStaff((res.data.data.users as StaffOption[]).filter((u) => !organization || u.organization?.documentId === organization)))
      .catch(() => setStaff([]));
  }, [get, organization]);
  const options = [...(me ? [{ value: String(me.id), label: `我（${[me.firstname, me.lastname].filter(Boolean).join(' ')}）` }] : []), ...(staff ?? []).filter((u) => u.id !== me?.id).map((u) => ({ value: String(u.id), label: u.name }))];
  return <SelectField {...common} value={value} onChange={onChange} options={options} />;
}
