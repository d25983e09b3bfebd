import { Box, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { errorMessage } from '../api';
import { useT } from '../translations';

interface OrganizationOption {
  documentId: string;
  name: string;
}

interface StaffRow {
  id: number;
  name: string;
  email: string;
  isActive: boolean;
  roles: { id: number; name: string }[];
  organization: OrganizationOption | null;
}

const NONE = '';

/**
 * 人员与机构: every admin user with their roles and organization; user administrators set the organization here
 * (Strapi's own user pages offer no place for a plugin field). The server checks admin::users.update again.
 */
export default function Staff() {
  const { t } = useT();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [users, setUsers] = React.useState<StaffRow[] | null>(null);
  const [canUpdate, setCanUpdate] = React.useState(false);
  const [organizations, setOrganizations] = React.useState<OrganizationOption[]>([]);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [saving, setSaving] = React.useState<number | null>(null);

  React.useEffect(() => {
    get('/disclosure/staff')
      .then((res: any) => {
        setUsers(res.data.data.users);
        setOrganizations(res.data.data.organizations);
        setCanUpdate(res.data.data.canUpdate === true);
      })
      .catch((error: unknown) => setFailure(errorMessage(error)));
  }, [get]);

  const assign = async (user: StaffRow, documentId: string) => {
    setSaving(user.id);
    try {
      const res: any = await put(`/disclosure/staff/${user.id}/organization`, { organization: documentId === NONE ? null : documentId });
      const to: OrganizationOption | null = res.data.data.to;
      setUsers((rows) => rows?.map((row) => (row.id === user.id ? { ...row, organization: to } : row)) ?? null);
      toggleNotification({ type: 'success', message: to ? t('staff.saved', { name: user.name, organization: to.name }) : t('staff.cleared', { name: user.name }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(null);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('staff.title')}</Page.Title>
      <Layouts.Header title={t('staff.title')} subtitle={t('staff.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box padding={4} background="primary100" borderColor="primary200" hasRadius>
            <Typography textColor="primary700">{t('staff.invite')} </Typography>
            <Link href="/admin/settings/users">{t('staff.usersLink')}</Link>
          </Box>
          {!canUpdate && <Typography textColor="neutral600">{t('staff.readOnly')}</Typography>}
          {failure && <Typography textColor="danger600">{t('staff.loadFailed', { message: failure })}</Typography>}
          {!failure && !users && <Typography>{t('common.loading')}</Typography>}
          {users && (
            <Table colCount={5} rowCount={users.length + 1}>
              <Thead>
                <Tr>
                  {(['staff.col.name', 'staff.col.email', 'staff.col.roles', 'staff.col.organization', 'staff.col.status'] as const).map((key) => (
                    <Th key={key}>
                      <Typography variant="sigma">{t(key)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {users.map((user) => (
                  <Tr key={user.id}>
                    <Td>
                      <Link href={`/admin/settings/users/${user.id}`}>{user.name}</Link>
                    </Td>
                    <Td>
                      <Typography>{user.email}</Typography>
                    </Td>
                    <Td>
                      <Typography>{user.roles.map((role) => role.name).join('、')}</Typography>
                    </Td>
                    <Td>
                      <Box width="260px">
                        <SingleSelect
                          aria-label={t('staff.organizationFor', { name: user.name })}
                          value={user.organization?.documentId ?? NONE}
                          disabled={!canUpdate || saving === user.id}
                          onChange={(value: string | number) => assign(user, String(value))}
                        >
                          <SingleSelectOption value={NONE}>{t('staff.noOrganization')}</SingleSelectOption>
                          {organizations.map((organization) => (
                            <SingleSelectOption key={organization.documentId} value={organization.documentId}>
                              {organization.name}
                            </SingleSelectOption>
                          ))}
                        </SingleSelect>
                      </Box>
                    </Td>
                    <Td>
                      <Typography textColor={user.isActive ? 'success600' : 'neutral600'}>{user.isActive ? t('staff.active') : t('staff.inactive')}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
