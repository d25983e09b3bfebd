import { Box, Button, Flex, Link, Status, Typography } from '@strapi/design-system';
import { useFetchClient, useForm, useNotification, useRBAC } from '@strapi/strapi/admin';
import * as React from 'react';
import { errorMessage } from '../api';
import { PLUGIN_ID } from '../pluginId';
import { CONSUMER_SITE_UID } from '../../../shared/vocabulary';
import { formatWhen, useT } from '../translations';
import { ConfirmActionDialog, OneTimeSecretDialog } from './dialogs';
import { useEditViewDocument } from './document-query';


/** Managing tokens and secrets (and seeing deliveries) takes this plugin permission; the server checks it too. */
export const CONSUMER_SITE_PERMISSIONS = [{ action: 'plugin::disclosure.consumer-sites', subject: null }];

interface PanelProps {
  model: string;
  documentId?: string;
  document?: Record<string, unknown>;
  collectionType: string;
}

interface Credentials {
  tokenPrefix: string | null;
  tokenIssuedAt: string | null;
  tokenRevokedAt: string | null;
  webhookSecretSetAt: string | null;
}

const CREDENTIAL_FIELDS: (keyof Credentials)[] = ['tokenPrefix', 'tokenIssuedAt', 'tokenRevokedAt', 'webhookSecretSetAt'];

type TokenState = 'active' | 'revoked' | 'none';

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/** A token is active when issued after its last revocation (a new token may or may not clear tokenRevokedAt). */
function tokenState({ tokenPrefix, tokenIssuedAt, tokenRevokedAt }: Credentials): TokenState {
  const issued = time(tokenIssuedAt);
  const revoked = time(tokenRevokedAt);
  if (!Number.isNaN(revoked) && (Number.isNaN(issued) || revoked >= issued)) return 'revoked';
  if (!Number.isNaN(issued) || tokenPrefix) return 'active';
  return 'none';
}

const asString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

type Confirming = 'rotateToken' | 'revokeToken' | 'rotateSecret' | null;

function ConsumerSitePanelContent({ model, collectionType, documentId, document }: PanelProps & { documentId: string }) {
  const { t, locale } = useT();
  const { post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: checkingPermissions } = useRBAC(CONSUMER_SITE_PERMISSIONS);
  const canManage = allowedActions.canConsumerSites === true;
  const { refetch } = useEditViewDocument(collectionType, model, documentId);
  // Refetching resets the edit form to the saved document: never while the user has unsaved changes.
  const modified = useForm('ConsumerSitePanel', (state) => state.modified, false) ?? false;

  // What the server answered to this panel's last actions, until the document is refetched.
  const [answered, setAnswered] = React.useState<Partial<Credentials>>({});
  const [confirming, setConfirming] = React.useState<Confirming>(null);
  const [busy, setBusy] = React.useState(false);
  // The new token or secret: held only while its one-time dialog is open.
  const [revealed, setRevealed] = React.useState<{ kind: 'token' | 'secret'; value: string } | null>(null);

  React.useEffect(() => {
    if (document && CREDENTIAL_FIELDS.some((field) => field in document)) setAnswered({});
  }, [document]);

  const credentials: Credentials = {
    tokenPrefix: asString(document?.tokenPrefix),
    tokenIssuedAt: asString(document?.tokenIssuedAt),
    tokenRevokedAt: asString(document?.tokenRevokedAt),
    webhookSecretSetAt: asString(document?.webhookSecretSetAt),
    ...answered,
  };
  const state = tokenState(credentials);
  const inactive = document?.active === false;
  // The edit view's document gives to-many relations as { count }.
  const categoryCount = (document?.categories as { count?: number } | undefined)?.count;
  const noCategoriesLeft = document?.categoryRestricted === true && categoryCount === 0;
  const hasWebhook = !!asString(document?.webhookUrl);

  const reload = () => {
    if (!modified) refetch();
  };

  const act = async (request: () => Promise<void>) => {
    setBusy(true);
    try {
      await request();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const issueToken = () =>
    act(async () => {
      const res = await post<{ data: { token: string; tokenPrefix: string; tokenIssuedAt: string } }>(`/disclosure/consumer-sites/${documentId}/token`);
      const { token, tokenPrefix, tokenIssuedAt } = res.data.data;
      setAnswered((prev) => ({ ...prev, tokenPrefix, tokenIssuedAt, tokenRevokedAt: null }));
      setRevealed({ kind: 'token', value: token });
      toggleNotification({ type: 'success', message: t('site.token.generated') });
    });

  const revokeToken = () =>
    act(async () => {
      const res = await del<{ data: { tokenRevokedAt: string } }>(`/disclosure/consumer-sites/${documentId}/token`);
      setAnswered((prev) => ({ ...prev, tokenRevokedAt: res.data.data.tokenRevokedAt }));
      toggleNotification({ type: 'success', message: t('site.token.revokedNotice') });
      reload();
    });

  const issueSecret = () =>
    act(async () => {
      const res = await post<{ data: { secret: string; webhookSecretSetAt: string } }>(`/disclosure/consumer-sites/${documentId}/webhook-secret`);
      const { secret, webhookSecretSetAt } = res.data.data;
      setAnswered((prev) => ({ ...prev, webhookSecretSetAt }));
      setRevealed({ kind: 'secret', value: secret });
      toggleNotification({ type: 'success', message: t('site.secret.generated') });
    });

  // Refetch only once the one-time dialog is closed, so nothing re-renders the edit view under it.
  const closeRevealed = () => {
    setRevealed(null);
    reload();
  };

  const disabled = busy || checkingPermissions || !canManage;

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      {!checkingPermissions && !canManage && (
        <Typography variant="pi" textColor="neutral600">
          {t('site.panel.noPermission')}
        </Typography>
      )}
      {noCategoriesLeft && (
        <Box padding={2} background="danger100" borderColor="danger200" hasRadius>
          <Typography variant="pi" textColor="danger700">
            {t('site.panel.noCategoriesLeft')}
          </Typography>
        </Box>
      )}
      {inactive && (
        <Box padding={2} background="warning100" borderColor="warning200" hasRadius>
          <Typography variant="pi" textColor="warning700">
            {t('site.panel.inactive')}
          </Typography>
        </Box>
      )}

      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('site.token.label')}
          </Typography>
          <Status variant={state === 'active' ? 'success' : state === 'revoked' ? 'danger' : 'neutral'} size="S">
            <Typography variant="omega" fontWeight="bold">
              {t(state === 'active' ? 'site.token.active' : state === 'revoked' ? 'site.token.revoked' : 'site.token.none')}
            </Typography>
          </Status>
        </Flex>
        {credentials.tokenPrefix && (
          <Typography variant="pi" style={{ fontFamily: 'monospace' }}>
            {t('site.token.prefix', { prefix: credentials.tokenPrefix })}
          </Typography>
        )}
        {credentials.tokenIssuedAt && (
          <Typography variant="pi" textColor="neutral600">
            {t('site.token.issuedAt', { at: formatWhen(credentials.tokenIssuedAt, locale) })}
          </Typography>
        )}
        {state === 'revoked' && (
          <Typography variant="pi" textColor="danger600">
            {t('site.token.revokedAt', { at: formatWhen(credentials.tokenRevokedAt, locale) })}
          </Typography>
        )}
        {state === 'active' ? (
          <Flex gap={2} wrap="wrap">
            <Button variant="secondary" size="S" disabled={disabled} onClick={() => setConfirming('rotateToken')}>
              {t('site.token.rotate')}
            </Button>
            <Button variant="danger-light" size="S" disabled={disabled} onClick={() => setConfirming('revokeToken')}>
              {t('site.token.revoke')}
            </Button>
          </Flex>
        ) : (
          <Flex gap={2} wrap="wrap">
            <Button variant="default" size="S" disabled={disabled} loading={busy && confirming === null} onClick={issueToken}>
              {t('site.token.generate')}
            </Button>
          </Flex>
        )}
      </Flex>

      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('site.secret.label')}
          </Typography>
          <Status variant={credentials.webhookSecretSetAt ? 'success' : 'neutral'} size="S">
            <Typography variant="omega" fontWeight="bold">
              {t(credentials.webhookSecretSetAt ? 'site.secret.set' : 'site.secret.none')}
            </Typography>
          </Status>
        </Flex>
        {credentials.webhookSecretSetAt && (
          <Typography variant="pi" textColor="neutral600">
            {t('site.secret.setAt', { at: formatWhen(credentials.webhookSecretSetAt, locale) })}
          </Typography>
        )}
        {hasWebhook && !credentials.webhookSecretSetAt && (
          <Typography variant="pi" textColor="warning600">
            {t('site.secret.needed')}
          </Typography>
        )}
        <Flex gap={2} wrap="wrap">
          {credentials.webhookSecretSetAt ? (
            <Button variant="secondary" size="S" disabled={disabled} onClick={() => setConfirming('rotateSecret')}>
              {t('site.secret.rotate')}
            </Button>
          ) : (
            <Button variant="secondary" size="S" disabled={disabled} onClick={issueSecret}>
              {t('site.secret.generate')}
            </Button>
          )}
        </Flex>
      </Flex>

      {canManage && (
        <Link href={`/admin/plugins/${PLUGIN_ID}-webhooks?site=${encodeURIComponent(documentId)}`}>{t('site.deliveries.link')}</Link>
      )}

      <ConfirmActionDialog
        open={confirming === 'rotateToken'}
        title={t('site.token.rotate.title')}
        confirmLabel={t('site.token.rotate')}
        danger
        busy={busy}
        onConfirm={issueToken}
        onClose={() => setConfirming(null)}
      >
        {t('site.token.rotate.body')}
      </ConfirmActionDialog>
      <ConfirmActionDialog
        open={confirming === 'revokeToken'}
        title={t('site.token.revoke.title')}
        confirmLabel={t('site.token.revoke')}
        danger
        busy={busy}
        onConfirm={revokeToken}
        onClose={() => setConfirming(null)}
      >
        {t('site.token.revoke.body')}
      </ConfirmActionDialog>
      <ConfirmActionDialog
        open={confirming === 'rotateSecret'}
        title={t('site.secret.rotate.title')}
        confirmLabel={t('site.secret.rotate')}
        danger
        busy={busy}
        onConfirm={issueSecret}
        onClose={() => setConfirming(null)}
      >
        {t('site.secret.rotate.body')}
      </ConfirmActionDialog>
      <OneTimeSecretDialog kind={revealed?.kind ?? 'token'} value={revealed?.value ?? null} onClose={closeRevealed} />
    </Flex>
  );
}

/** Edit-view side panel of 接入网站: its access token and webhook signing secret. */
export const ConsumerSitePanel = ({ model, documentId, document, collectionType }: PanelProps) => {
  const { t } = useT();
  if (model !== CONSUMER_SITE_UID || collectionType !== 'collection-types') return null;
  return {
    title: t('site.panel.title'),
    content: documentId ? (
      <ConsumerSitePanelContent key={documentId} model={model} collectionType={collectionType} documentId={documentId} document={document} />
    ) : (
      <Typography variant="pi" textColor="neutral600">
        {t('site.panel.unsaved')}
      </Typography>
    ),
  };
};
ConsumerSitePanel.type = 'disclosure-consumer-site';
