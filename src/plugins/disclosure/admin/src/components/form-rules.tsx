import { useFetchClient, useForm } from '@strapi/strapi/admin';
import * as React from 'react';
import { Typography } from '@strapi/design-system';

/** Why an entry's form is locked (from the workflow panel's description), or null. */
export interface Lock {
  code: string;
  message: string;
}

/**
 * Locks by entry, shared between the workflow panel (which loads the state) and the document actions (which must
 * not offer a save the server refuses). A tiny store: the content manager gives panels and actions no common state.
 */
const locks = new Map<string, Lock | null>();
const listeners = new Set<() => void>();
const keyOf = (model: string, documentId: string) => `${model}:${documentId}`;

export function setLock(model: string, documentId: string, lock: Lock | null) {
  locks.set(keyOf(model, documentId), lock);
  listeners.forEach((listener) => listener());
}

export function useLock(model: string, documentId: string | undefined): Lock | null {
  const subscribe = React.useCallback((listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return React.useSyncExternalStore(subscribe, () => (documentId ? (locks.get(keyOf(model, documentId)) ?? null) : null));
}

const LOCK_ATTRIBUTE = 'data-disclosure-lock';

/**
 * The content manager disables its form only for a published version it shows: it has no way to lock the draft of an
 * entry in review or released. The panel lives inside the edit view's form, so it locks the form's fields there:
 * each tab panel of fields becomes inert (nothing in it can be focused, typed into or clicked) and carries the reason,
 * which the style below shows above the fields. Tab panels the content manager mounts later are locked too.
 */
export function useLockedForm(anchor: React.RefObject<HTMLElement>, lock: Lock | null) {
  React.useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form || !lock) return undefined;
    const apply = () =>
      form.querySelectorAll<HTMLElement>('[role="tabpanel"]').forEach((panel) => {
        if (panel.getAttribute(LOCK_ATTRIBUTE) === lock.message) return;
        panel.setAttribute(LOCK_ATTRIBUTE, lock.message);
        panel.inert = true;
      });
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(form, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      form.querySelectorAll<HTMLElement>(`[${LOCK_ATTRIBUTE}]`).forEach((panel) => {
        panel.removeAttribute(LOCK_ATTRIBUTE);
        panel.inert = false;
      });
    };
  }, [anchor, lock]);
}

/** How a locked tab panel looks: the reason above the fields, the fields greyed. */
export const LockStyle = () => (
  <style>{`
    form [role="tabpanel"][${LOCK_ATTRIBUTE}]::before {
      content: attr(${LOCK_ATTRIBUTE});
      display: block;
      margin-bottom: 16px;
      padding: 12px 16px;
      border: 1px solid #fae7b9;
      border-radius: 4px;
      background: #fdf4dc;
      color: #be5d01;
      font-size: 1.4rem;
      font-weight: 600;
    }
    form [role="tabpanel"][${LOCK_ATTRIBUTE}] > * { opacity: 0.6; cursor: not-allowed; }
  `}</style>
);

/** The content manager's Save, disabled while the entry is locked (the server would refuse it with 409). */
export function disableWhileLocked<A extends ((props: any) => any) & { type?: string; position?: unknown }>(Action: A): A {
  const Wrapped = ((props: any) => {
    // A hook-using description function: called on every render so the hook order never changes.
    const description = Action(props);
    const lock = useLock(props.model, props.documentId);
    if (!description || !lock) return description;
    return { ...description, disabled: true };
  }) as unknown as A;
  Wrapped.type = Action.type;
  Wrapped.position = Action.position;
  return Wrapped;
}

interface Organization {
  id: number;
  documentId: string;
  name: string;
}

/**
 * 发布机构 prefilled in a new entry's form with the editor's organization (the server defaults it the same way when a
 * save names none). Rendered by the workflow panel of a new entry, inside the edit view's form. The value is the
 * relation field's own "connected" shape, as if the editor had picked the organization.
 */
export function OrganizationPrefill() {
  const { get } = useFetchClient();
  const value = useForm('OrganizationPrefill', (state) => (state.values as { publishingOrganization?: { connect?: unknown[] } }).publishingOrganization);
  const onChange = useForm('OrganizationPrefill', (state) => state.onChange);
  const modified = useForm('OrganizationPrefill', (state) => state.modified);
  const initialValues = useForm('OrganizationPrefill', (state) => state.initialValues as Record<string, any>);
  const resetForm = useForm('OrganizationPrefill', (state) => state.resetForm);
  const [organization, setOrganization] = React.useState<Organization | null>(null);
  const done = React.useRef(false);

  React.useEffect(() => {
    let live = true;
    get<{ data: { organization: Organization | null } }>('/disclosure/me')
      .then((res) => live && setOrganization(res.data.data.organization))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [get]);

  React.useEffect(() => {
    if (done.current || !organization) return;
    done.current = true;
    if ((value?.connect?.length ?? 0) > 0) return;
    const picked = [
      {
        id: organization.id,
        apiData: { id: organization.id, documentId: organization.documentId, isTemporary: true },
        // The first key of the relation list's fractional ordering.
        __temp_key__: 'a0',
        name: organization.name,
        label: organization.name,
        href: `../collection-types/api::organization.organization/${organization.documentId}`,
      },
    ];
    // Untouched, the form takes the default as its starting point: leaving it asks no "unsaved changes" question.
    // Once the editor has typed, the default is one more change of theirs.
    if (modified) onChange('publishingOrganization.connect', picked);
    else resetForm({ ...initialValues, publishingOrganization: { ...(initialValues.publishingOrganization ?? {}), connect: picked } });
  }, [organization, value, onChange, modified, initialValues, resetForm]);
  return organization ? (
    <Typography tag="p" variant="pi">
      新建的信息保存为草稿，发布机构默认为您所在机构“{organization.name}”。保存后可提交审核。
    </Typography>
  ) : (
    <Typography tag="p" variant="pi">
      新建的信息保存为草稿，保存后可提交审核。
    </Typography>
  );
}
