import { Badge, Box, Button, Flex, Grid, Link, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page, useAuth, useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink, useParams } from 'react-router-dom';
import { errorMessage } from '../api';
import { type ApplicationAction, type ApplicationCase, type ApplicationDetail as Detail, APPLICATIONS_PATH, CASE_KIND_OPTIONS, CASE_RESULT_OPTIONS, clockText, DEADLINE_STATUS_LABELS } from '../applications';
import { ApplicationActionDialog } from '../components/ApplicationActionDialog';
import { DateField, fetchHtml, fieldErrors, SelectField, TextField, useAdminToken } from '../components/application-fields';
import { LetterFrame } from '../components/LetterFrame';
import { formatWhen, useT } from '../translations';

/** An application as its handler works on it: who asks for what, every date, the clock, the actions, the record. */
export default function ApplicationDetail() {
  const { documentId } = useParams<{ documentId: string }>();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [detail, setDetail] = React.useState<Detail | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [action, setAction] = React.useState<ApplicationAction | null>(null);
  const [letterOpen, setLetterOpen] = React.useState(false);

  React.useEffect(() => {
    setDetail(null);
    setFailure(null);
    get(`/disclosure/applications/${documentId}`)
      .then((res: any) => setDetail(res.data.data))
      .catch((error: unknown) => setFailure(errorMessage(error)));
  }, [get, documentId]);

  const back = (
    <Link tag={NavLink} to={APPLICATIONS_PATH} startIcon={<ArrowLeft />}>
      返回申请列表
    </Link>
  );

  if (!detail) {
    return (
      <Page.Main>
        <Page.Title>依申请公开</Page.Title>
        <Layouts.Header navigationAction={back} title="依申请公开" />
        <Layouts.Content>{failure ? <Typography textColor="danger600">无法打开该申请：{failure}</Typography> : <Typography>正在加载…</Typography>}</Layouts.Content>
      </Page.Main>
    );
  }

  const d = detail;
  return (
    <Page.Main>
      <Page.Title>{`申请 ${d.trackingCode}`}</Page.Title>
      <Layouts.Header
        navigationAction={back}
        title={`申请 ${d.trackingCode}`}
        subtitle={d.requested.title ?? ''}
        secondaryAction={
          <Flex gap={2}>
            <Badge>{d.stateLabel}</Badge>
            {d.extended && <Badge>已延长</Badge>}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <ClockPanel detail={d} />
          <Actions actions={d.actions} onPick={setAction} />

          <Grid.Root gap={6}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Section title="申请人">
                {d.applicant ? (
                  <Fields
                    rows={[
                      ['姓名或名称', d.applicant.name],
                      ['申请人类型', d.applicantKindLabel],
                      ['联系人', d.applicant.contactPerson],
                      ['证件', [d.applicant.idTypeLabel, d.applicant.idNumber].filter(Boolean).join(' ')],
                      ['联系电话', d.applicant.phone],
                      ['电子邮箱', d.applicant.email],
                      ['通信地址', [d.applicant.postalAddress, d.applicant.postalCode].filter(Boolean).join(' ')],
                      ['申请渠道', d.channelLabel],
                    ]}
                  />
                ) : (
                  <Typography textColor="neutral600">申请人个人信息已按保存期限清除，办理记录和统计数据保留。</Typography>
                )}
              </Section>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Section title="所需信息">
                <Fields
                  rows={[
                    ['名称', d.requested.title],
                    ['文号', d.requested.documentNumber],
                    ['特征描述', d.requested.description],
                    [
                      '对应的公开信息',
                      d.requested.entry ? (
                        <Link tag={NavLink} to={`/content-manager/collection-types/${d.requested.entry.uid}/${d.requested.entry.documentId}`}>
                          {d.requested.entry.title}
                        </Link>
                      ) : null,
                    ],
                    ['用途', d.purpose],
                    ['获取信息的方式', d.preferredFormLabel],
                    ['获取信息的途径', d.deliveryMethodLabel],
                    ['受理机关', d.receivingOrganization?.name],
                    ['承办人', d.handler?.name ?? '未指派'],
                  ]}
                />
              </Section>
            </Grid.Item>
          </Grid.Root>

          <Section title="办理日期">
            <Fields columns={3} rows={dateRows(d)} />
          </Section>

          {(d.correction.request || d.consultations.length > 0 || d.extension.extended || d.fee.method || d.fee.waived) && (
            <Section title="补正、征求意见、延期和收费">
              <Flex direction="column" alignItems="stretch" gap={4}>
                {d.correction.request && <Fields rows={[['需要补正的事项', d.correction.request]]} />}
                {d.consultations.length > 0 && (
                  <Table colCount={6} rowCount={d.consultations.length + 1}>
                    <Thead>
                      <Tr>
                        {['征求意见对象', '类别', '发出', '应复', '答复', '意见'].map((h) => (
                          <Th key={h}>
                            <Typography variant="sigma">{h}</Typography>
                          </Th>
                        ))}
                      </Tr>
                    </Thead>
                    <Tbody>
                      {d.consultations.map((c, i) => (
                        <Tr key={i}>
                          <Td>
                            <Typography>{c.party}</Typography>
                          </Td>
                          <Td>
                            <Typography>{c.kindLabel}</Typography>
                          </Td>
                          <Td>
                            <Typography>{c.sentOn}</Typography>
                          </Td>
                          <Td>
                            <Typography>{c.replyDueOn ?? '—'}</Typography>
                          </Td>
                          <Td>
                            <Typography>{c.answeredOn ?? '尚未答复'}</Typography>
                          </Td>
                          <Td>
                            <Typography>{c.opinion ?? ''}</Typography>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
                {d.extension.extended && (
                  <Fields
                    rows={[
                      ['延期理由', d.extension.reason],
                      ['延期批准人', typeof d.extension.approvedBy === 'string' ? d.extension.approvedBy : d.extension.approvedBy?.name],
                    ]}
                  />
                )}
                {(d.fee.method || d.fee.waived) && (
                  <Fields
                    rows={[
                      ['收费方式', d.fee.methodLabel],
                      ['计费依据', d.fee.method === 'piece' ? `本月第 ${d.fee.ordinalInMonth} 件` : d.fee.method === 'volume' ? `${d.fee.pages} 页` : null],
                      ['收费金额', d.fee.amountYuan !== null && d.fee.amountYuan !== undefined ? `${d.fee.amountYuan} 元` : null],
                      ['减免', d.fee.waived ? `已减免：${d.fee.waiverReason ?? ''}` : null],
                    ]}
                  />
                )}
              </Flex>
            </Section>
          )}

          {d.reply.outcome && (
            <Section title="答复">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Fields
                  rows={[
                    ['办理结果', d.reply.outcomeLabel],
                    ['答复日期', d.reply.repliedOn ? `${d.reply.repliedOn}${d.reply.onTheSpot ? '（当场答复）' : ''}` : null],
                    ...Object.entries(d.reply.details ?? {}).map(([key, value]): [string, string] => [DETAIL_NAMES[key] ?? key, String(value)]),
                  ]}
                />
                {d.state === 'replied' && (
                  <Box>
                    <Button variant="secondary" onClick={() => setLetterOpen(true)}>
                      查看答复告知书
                    </Button>
                  </Box>
                )}
              </Flex>
            </Section>
          )}

          <CasesSection detail={d} onChange={(cases) => setDetail({ ...d, cases })} />

          <Section title="办理记录">
            {d.history.length === 0 ? (
              <Typography textColor="neutral600">暂无记录。</Typography>
            ) : (
              <Table colCount={4} rowCount={d.history.length + 1}>
                <Thead>
                  <Tr>
                    {['时间', '操作人', '操作', '理由或说明'].map((h) => (
                      <Th key={h}>
                        <Typography variant="sigma">{h}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {d.history.map((h, i) => (
                    <Tr key={i}>
                      <Td>
                        <Typography>{formatWhen(h.at, 'zh')}</Typography>
                      </Td>
                      <Td>
                        <Typography>{h.actorName ?? '系统'}</Typography>
                      </Td>
                      <Td>
                        <Typography>{h.label ?? h.action}</Typography>
                      </Td>
                      <Td>
                        <Typography>{h.reason ?? ''}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Section>
        </Flex>
      </Layouts.Content>
      <ApplicationActionDialog
        application={d}
        action={action}
        onClose={() => setAction(null)}
        onDone={(next, label) => {
          setAction(null);
          setDetail(next);
          toggleNotification({ type: 'success', message: `已${label}` });
        }}
      />
      {letterOpen && <IssuedLetter documentId={d.documentId} trackingCode={d.trackingCode} onClose={() => setLetterOpen(false)} />}
    </Page.Main>
  );
}

const DETAIL_NAMES: Record<string, string> = { publishedAt: '已主动公开的获取方式', rightOrgan: '负责公开的机关', reason: '理由', legalBasis: '法律依据', partialNote: '不予公开的部分' };

/** Every date of the procedure, in its order; the ones not reached yet say so. */
function dateRows(d: Detail): [string, React.ReactNode][] {
  const rows: [string, React.ReactNode][] = [
    ['提交', formatWhen(d.submittedAt, 'zh')],
    ['收到', d.receivedOn ?? '待确认收到'],
    ['补正通知期限', d.correction.noticeDueOn],
    ['补正通知', d.correction.requestedOn],
    ['补正期限', d.correction.dueOn],
    ['收到补正', d.correction.receivedOn],
  ];
  d.consultations.forEach((c, i) => {
    const n = d.consultations.length > 1 ? `（${i + 1}）` : '';
    rows.push([`征求意见发出${n}`, c.sentOn], [`征求意见应复${n}`, c.replyDueOn], [`征求意见答复${n}`, c.answeredOn ?? '尚未答复']);
  });
  rows.push(
    ['延期', d.extension.extendedOn],
    ['收费通知', d.fee.noticeOn],
    ['缴费期限', d.fee.paymentDueOn],
    ['缴费', d.fee.paidOn],
    ['答复', d.reply.repliedOn],
  );
  return rows.map(([label, value]) => [label, value ?? '—']);
}

/** Why the clock does not run, when it does not. */
function stoppedClock(detail: Detail): string {
  if (detail.state === 'correction_requested') return '待补正：收到补正之日起重新计算20个工作日（条例第三十条）';
  if (!detail.receivedOn) return '确认收到申请之日起计算（条例第三十一条）';
  return '—';
}

function ClockPanel({ detail }: { detail: Detail }) {
  const { clock } = detail;
  const status = clock?.status ?? null;
  const tone = status === 'overdue' ? 'danger' : status === 'at_risk' ? 'warning' : 'neutral';
  const closed = detail.state === 'replied' || detail.state === 'closed';
  return (
    <Box padding={5} hasRadius background={tone === 'neutral' ? 'neutral0' : `${tone}100`} borderColor={tone === 'neutral' ? 'neutral150' : `${tone}200`} shadow="tableShadow" data-clock={status ?? 'stopped'}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">
            答复期限
          </Typography>
          <Flex gap={2}>
            <Typography variant="beta" tag="p">
              {clock?.dueOn ?? '未起算'}
            </Typography>
            {clock?.provisional && <Badge>暂定</Badge>}
            {detail.extended && <Badge>已延长</Badge>}
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {!clock ? stoppedClock(detail) : clock.provisional ? '期限跨入尚未录入节假日安排的年份，按法定节假日暂定计算' : detail.extended ? '已延长20个工作日（条例第三十三条）' : detail.correction.receivedOn ? '收到补正之日起20个工作日（条例第三十条、第三十三条）' : '收到申请之日起20个工作日（条例第三十三条）'}
          </Typography>
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">
            暂停的工作日
          </Typography>
          <Typography variant="beta" tag="p">
            {clock?.pausedWorkingDays ?? detail.pausedWorkingDays ?? 0} 个
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            征求意见、缴费所需时间不计入答复期限（条例第三十二条）
          </Typography>
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
          <Typography variant="sigma" textColor="neutral600">
            {closed ? '办结' : status === 'overdue' ? '已超期' : '剩余工作日'}
          </Typography>
          <Typography variant="beta" tag="p" textColor={tone === 'neutral' ? 'neutral800' : `${tone}700`}>
            {closed ? (detail.repliedOn ? `已于 ${detail.repliedOn} 答复` : '已办结') : clock?.dueOn ? clockText(clock, status) : '—'}
          </Typography>
          {closed && status === 'overdue' && (
            <Typography variant="pi" textColor="danger700">
              超过答复期限 {clock?.workingDaysLate} 个工作日
            </Typography>
          )}
          {!closed && status && (
            <Typography variant="pi" textColor={tone === 'neutral' ? 'neutral600' : `${tone}700`}>
              {DEADLINE_STATUS_LABELS[status]}
              {detail.state === 'consultation' ? '；征求意见期间暂停计算' : detail.state === 'awaiting_payment' ? '；等待缴费期间暂停计算' : ''}
            </Typography>
          )}
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
}

/** The actions the state offers; the ones this member may not take now stay visible, with why not. */
function Actions({ actions, onPick }: { actions: ApplicationAction[]; onPick: (action: ApplicationAction) => void }) {
  if (!actions.length) return null;
  const refused = actions.filter((a) => !a.permitted);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2} wrap="wrap" aria-label="办理操作" role="group">
        {actions.map((a) => (
          <Button
            key={a.action}
            variant={a.action === 'reply' ? 'default' : a.action === 'withdraw' ? 'danger-light' : 'secondary'}
            disabled={!a.permitted}
            aria-describedby={a.permitted ? undefined : `why-${a.action}`}
            onClick={() => onPick(a)}
          >
            {a.label}
          </Button>
        ))}
      </Flex>
      {refused.map((a) => (
        <Typography key={a.action} id={`why-${a.action}`} variant="pi" textColor="neutral600">
          {a.label}：{a.why ?? '您没有权限进行此操作'}
        </Typography>
      ))}
    </Flex>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box padding={6} background="neutral0" hasRadius shadow="tableShadow" tag="section" aria-label={title}>
      <Box paddingBottom={4}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
      </Box>
      {children}
    </Box>
  );
}

function Fields({ rows, columns = 1 }: { rows: [string, React.ReactNode][]; columns?: number }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return (
    <Box tag="dl" style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, columnGap: '24px', rowGap: '8px', margin: 0 }}>
      {shown.map(([label, value]) => (
        <Flex key={label} gap={3} alignItems="flex-start">
          <Box tag="dt" style={{ flex: '0 0 144px' }}>
            <Typography variant="omega" textColor="neutral600">
              {label}
            </Typography>
          </Box>
          <Box tag="dd" style={{ margin: 0, minWidth: 0, whiteSpace: 'pre-line', wordBreak: 'break-word' }}>
            {typeof value === 'string' ? <Typography>{value}</Typography> : value}
          </Box>
        </Flex>
      ))}
    </Box>
  );
}

/** The 答复告知书 as issued (frozen at reply), to read and print. */
function IssuedLetter({ documentId, trackingCode, onClose }: { documentId: string; trackingCode: string; onClose: () => void }) {
  const token = useAdminToken();
  const [html, setHtml] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  React.useEffect(() => {
    fetchHtml(token, `/disclosure/applications/${documentId}/letter`).then(setHtml, (error: unknown) => setFailure(errorMessage(error)));
  }, [token, documentId]);
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ width: 'min(960px, 94vw)', maxWidth: 'none' }}>
        <Modal.Header closeLabel="关闭">
          <Modal.Title>答复告知书：{trackingCode}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {failure ? <Typography textColor="danger600">无法打开答复告知书：{failure}</Typography> : html === null ? <Typography>正在加载…</Typography> : <LetterFrame html={html} title="答复告知书" />}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            关闭
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}

/** 行政复议 / 行政诉讼 brought over this application: the log the annual report counts. */
function CasesSection({ detail, onChange }: { detail: Detail; onChange: (cases: ApplicationCase[]) => void }) {
  const [editing, setEditing] = React.useState<ApplicationCase | 'new' | null>(null);
  // The server checks it again; without it the buttons would only lead to a refusal.
  const canRecord = useAuth('CasesSection', (state: any) => (state.permissions as { action: string }[]).some((p) => p.action === 'plugin::disclosure.application-cases'));
  const cases = detail.cases ?? [];
  return (
    <Section title="行政复议、行政诉讼">
      <Flex direction="column" alignItems="stretch" gap={4}>
        {cases.length === 0 ? (
          <Typography textColor="neutral600">尚无针对本申请答复的行政复议或行政诉讼。</Typography>
        ) : (
          <Table colCount={6} rowCount={cases.length + 1}>
            <Thead>
              <Tr>
                {['类别', '案号', '申请复议或起诉日期', '结果', '审结日期', ''].map((h, i) => (
                  <Th key={i}>{h ? <Typography variant="sigma">{h}</Typography> : <span aria-hidden />}</Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {cases.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Typography>{c.kindLabel}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.caseNumber ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.filedOn}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.resultLabel ?? '尚未审结'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.decidedOn ?? '—'}</Typography>
                  </Td>
                  <Td>
                    {canRecord && (
                      <Button variant="tertiary" size="S" onClick={() => setEditing(c)}>
                        登记结果
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {canRecord ? (
          <Box>
            <Button variant="secondary" onClick={() => setEditing('new')}>
              登记行政复议或诉讼
            </Button>
          </Box>
        ) : (
          <Typography variant="pi" textColor="neutral600">
            登记案件需要“登记行政复议、行政诉讼案件”的权限（如政府信息公开工作机构负责人）。
          </Typography>
        )}
      </Flex>
      {editing && (
        <CaseDialog
          detail={detail}
          existing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            onChange(editing === 'new' ? [...cases, saved] : cases.map((c) => (c.id === saved.id ? saved : c)));
          }}
        />
      )}
    </Section>
  );
}

function CaseDialog({ detail, existing, onClose, onSaved }: { detail: Detail; existing: ApplicationCase | null; onClose: () => void; onSaved: (saved: ApplicationCase) => void }) {
  const { post, put } = useFetchClient();
  const { t } = useT();
  const [values, setValues] = React.useState({
    kind: existing?.kind ?? 'review',
    caseNumber: existing?.caseNumber ?? '',
    filedOn: existing?.filedOn ?? '',
    result: existing?.result ?? 'pending',
    decidedOn: existing?.decidedOn ?? '',
    note: existing?.note ?? '',
  });
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [failure, setFailure] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    try {
      const res: any = existing ? await put(`/disclosure/application-cases/${existing.id}`, body) : await post('/disclosure/application-cases', { ...body, application: detail.documentId });
      onSaved(res.data.data);
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && !busy && onClose()}>
      <Modal.Content>
        <Modal.Header closeLabel="关闭">
          <Modal.Title>{existing ? '登记案件结果' : '登记行政复议或诉讼'}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <SelectField name="kind" label="类别" required value={values.kind} onChange={set('kind')} options={CASE_KIND_OPTIONS} error={errors.kind} />
            <TextField name="caseNumber" label="案号" value={values.caseNumber} onChange={set('caseNumber')} error={errors.caseNumber} maxLength={100} />
            <DateField name="filedOn" label="申请复议或起诉日期" required value={values.filedOn} onChange={set('filedOn')} error={errors.filedOn} />
            <SelectField name="result" label="结果" value={values.result} onChange={set('result')} options={CASE_RESULT_OPTIONS} error={errors.result} />
            <DateField name="decidedOn" label="审结日期" value={values.decidedOn} onChange={set('decidedOn')} error={errors.decidedOn} />
            <TextField name="note" label="备注" multiline value={values.note} onChange={set('note')} error={errors.note} maxLength={2000} />
            {failure && (
              <Typography textColor="danger600" role="alert">
                {failure}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={busy}>
            保存
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
