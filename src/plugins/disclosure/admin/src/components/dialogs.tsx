import { Box, Button, Dialog, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Duplicate, WarningCircle } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import * as React from 'react';
import { useT } from '../translations';

interface ConfirmActionDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: React.ReactNode;
}

/** "Are you sure?" before an action that cannot be undone; stays open (disabled) while the request runs. */
export function ConfirmActionDialog({ open, title, confirmLabel, danger, busy, onConfirm, onClose, children }: ConfirmActionDialogProps) {
  const { t } = useT();
  return (
    <Dialog.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && !busy && onClose()}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill={danger ? 'danger600' : 'warning600'} />}>
          <Typography tag="p" textAlign="center">
            {children}
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary" disabled={busy} fullWidth>
              {t('common.cancel')}
            </Button>
          </Dialog.Cancel>
          <Button variant={danger ? 'danger' : 'default'} loading={busy} disabled={busy} onClick={onConfirm} fullWidth>
            {confirmLabel}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}

/** Copy with the Clipboard API, else (plain-http intranet admin: no secure context) with the selected input. */
async function copyText(value: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

interface OneTimeSecretDialogProps {
  kind: 'token' | 'secret';
  /** The token or secret; the dialog is open while it is set. The caller drops it on close. */
  value: string | null;
  onClose: () => void;
}

/**
 * Shows a freshly issued token or signing secret the one time the server returns it. Only closing with the button
 * (not Escape) dismisses it, so it is not lost by accident; after that it cannot be shown again.
 */
export function OneTimeSecretDialog({ kind, value, onClose }: OneTimeSecretDialogProps) {
  const { t } = useT();
  const { toggleNotification } = useNotification();
  const inputRef = React.useRef<HTMLInputElement>(null);

  const copy = async () => {
    if (!value) return;
    const copied = await copyText(value, inputRef.current);
    toggleNotification(copied ? { type: 'success', message: t('reveal.copied') } : { type: 'warning', message: t('reveal.copyFailed') });
  };

  return (
    <Dialog.Root open={value !== null} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Dialog.Content onEscapeKeyDown={(event: KeyboardEvent) => event.preventDefault()}>
        <Dialog.Header>{t(kind === 'token' ? 'reveal.token.title' : 'reveal.secret.title')}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={4} width="100%">
            <Box padding={3} background="danger100" borderColor="danger200" hasRadius>
              <Typography fontWeight="bold" textColor="danger700">
                {t(kind === 'token' ? 'reveal.token.warning' : 'reveal.secret.warning')}
              </Typography>
            </Box>
            <Field.Root name={`one-time-${kind}`} width="100%">
              <Field.Label>{t(kind === 'token' ? 'reveal.token.title' : 'reveal.secret.title')}</Field.Label>
              <Flex gap={2} alignItems="stretch">
                <Box grow={1}>
                  <TextInput
                    ref={inputRef}
                    readOnly
                    value={value ?? ''}
                    autoComplete="off"
                    spellCheck={false}
                    onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.target.select()}
                    style={{ fontFamily: 'monospace' }}
                  />
                </Box>
                <Button variant="secondary" startIcon={<Duplicate />} onClick={copy}>
                  {t('reveal.copy')}
                </Button>
              </Flex>
            </Field.Root>
            <Typography variant="pi" textColor="neutral600">
              {t(kind === 'token' ? 'reveal.token.help' : 'reveal.secret.help')}
            </Typography>
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Button onClick={onClose} fullWidth>
            {t('reveal.done')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}
