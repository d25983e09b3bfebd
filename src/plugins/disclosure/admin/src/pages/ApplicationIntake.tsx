import { Box, Button, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api';
import { APPLICANT_KIND_OPTIONS, APPLICATIONS_PATH, applicationPath, DELIVERY_METHOD_OPTIONS, ID_TYPE_OPTIONS, INTAKE_CHANNEL_OPTIONS, PREFERRED_FORM_OPTIONS } from '../applications';
import { DateField, fieldErrors, SelectField, TextField, todayInBeijing } from '../components/application-fields';

type Values = Record<string, string>;

const TEXT_FIELDS: { key: string; label: string; required?: boolean; multiline?: boolean; hint?: string; max: number }[] = [
  { key: 'applicantName', label: '申请人姓名或名称', required: true, max: 100 },
  { key: 'contactPerson', label: '联系人', hint: '法人或者其他组织申请时填写', max: 100 },
  { key: 'idNumber', label: '证件号码', required: true, max: 40 },
  { key: 'phone', label: '联系电话', required: true, max: 30 },
  { key: 'email', label: '电子邮箱', max: 254 },
  { key: 'postalAddress', label: '通信地址', max: 300 },
  { key: 'postalCode', label: '邮政编码', max: 10 },
];

/**
 * 登记申请: an application that arrived by letter, in person, by fax or by email, entered by its handler
 * (条例 第二十九条: one made orally is written down here for the applicant).
 */
export default function ApplicationIntake() {
  const { get, post } = useFetchClient();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const [organizations, setOrganizations] = React.useState<{ documentId: string; name: string }[]>([]);
  const [values, setValues] = React.useState<Values>({ channel: 'in_person', receivedOn: todayInBeijing(), applicantKind: 'natural_person', idType: 'resident_id', preferredForm: 'paper', deliveryMethod: 'post' });
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [failure, setFailure] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    get('/api/disclosure/applications/form')
      .then((res: any) => {
        const orgs = res.data.data.organizations ?? [];
        setOrganizations(orgs);
        if (orgs.length === 1) setValues((v) => ({ ...v, organization: orgs[0].documentId }));
      })
      .catch((error: unknown) => setFailure(errorMessage(error)));
  }, [get]);

  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const field = (key: string) => ({ name: key, value: values[key] ?? '', onChange: set(key), error: errors[key] });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
      const res: any = await post('/disclosure/applications', body);
      const created = res.data.data;
      toggleNotification({ type: 'success', message: `已登记申请 ${created.trackingCode}` });
      navigate(applicationPath(created.documentId));
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>登记申请</Page.Title>
      <form onSubmit={submit} noValidate>
        <Layouts.Header
          navigationAction={
            <Link tag={NavLink} to={APPLICATIONS_PATH} startIcon={<ArrowLeft />}>
              返回申请列表
            </Link>
          }
          title="登记申请"
          subtitle="登记以信函、当面、传真或电子邮件提出的政府信息公开申请；网络申请由申请人在门户网站提交"
          primaryAction={
            <Button type="submit" loading={busy}>
              登记
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {failure && (
              <Box padding={4} background="danger100" hasRadius role="alert">
                <Typography textColor="danger700" style={{ whiteSpace: 'pre-line' }}>
                  {failure}
                </Typography>
              </Box>
            )}
            <Block title="受理">
              <SelectField {...field('channel')} label="申请渠道" required options={INTAKE_CHANNEL_OPTIONS} />
              <DateField {...field('receivedOn')} label="收到申请日期" required hint="当面提交：提交当日；挂号信：签收之日；平常信函：与申请人确认之日（条例第三十一条）" />
              <SelectField {...field('organization')} label="受理机关" hint="不选则为您所属的机构" options={organizations.map((o) => ({ value: o.documentId, label: o.name }))} />
            </Block>
            <Block title="申请人">
              <SelectField {...field('applicantKind')} label="申请人类型" required options={APPLICANT_KIND_OPTIONS} />
              <SelectField {...field('idType')} label="证件类型" required options={ID_TYPE_OPTIONS} />
              {TEXT_FIELDS.map((f) => (
                <TextField key={f.key} {...field(f.key)} label={f.label} required={f.required} hint={f.hint} maxLength={f.max} />
              ))}
            </Block>
            <Block title="所需信息">
              <TextField {...field('requestedTitle')} label="所需信息的名称" required maxLength={300} />
              <TextField {...field('requestedDocumentNumber')} label="文号" maxLength={100} />
              <TextField {...field('requestedDescription')} label="便于查询的其他特征描述" multiline maxLength={2000} />
              <TextField {...field('purpose')} label="用途" multiline maxLength={1000} />
              <SelectField {...field('preferredForm')} label="获取信息的方式" required options={PREFERRED_FORM_OPTIONS} />
              <SelectField {...field('deliveryMethod')} label="获取信息的途径" required options={DELIVERY_METHOD_OPTIONS} />
            </Block>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box padding={6} background="neutral0" hasRadius shadow="tableShadow" tag="section" aria-label={title}>
      <Box paddingBottom={4}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
      </Box>
      <Grid.Root gap={4}>
        {React.Children.map(children, (child) =>
          child ? (
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              {child}
            </Grid.Item>
          ) : null,
        )}
      </Grid.Root>
    </Box>
  );
}
