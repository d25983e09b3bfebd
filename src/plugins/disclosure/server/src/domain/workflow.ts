/**
 * The review workflow as data: states, actions, who may take each action, and
 * what each does. Pure: the glue feeds it a snapshot of an entry and an actor
 * and applies the decision.
 *
 *   draft ──submit──▶ in_review(stage 0 … n-1) ──approve at last stage──▶ approved ──release──▶ released
 *     ▲                  │ return (reason)                                  │ return (reason)     │ withdraw (reason)
 *     └──────────────────┴──────────────────────────────────────────────────┘                     ▼
 *     ▲                                                                                        withdrawn
 *     └──────────── correct (更正: a new version; the released one stays public) ◀── released / withdrawn
 */
export const STATES = ['draft', 'in_review', 'approved', 'released', 'withdrawn'] as const;
export type WorkflowState = (typeof STATES)[number];

export const ACTIONS = ['submit', 'approve', 'return', 'release', 'withdraw', 'correct'] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

export const ROLES = ['editor', 'reviewer', 'publisher', 'sysadmin'] as const;
export type WorkflowRole = (typeof ROLES)[number];

export interface StageDefinition {
  key: string;
  name: string;
  /** The role that acts on this stage. */
  role: Exclude<WorkflowRole, 'sysadmin'>;
}

export const DEFAULT_STAGES: StageDefinition[] = [
  { key: 'department_review', name: '部门初审', role: 'reviewer' },
  { key: 'confidentiality_review', name: '保密审查', role: 'reviewer' },
  { key: 'sign_off', name: '签发', role: 'publisher' },
];

export const STATE_LABELS: Record<WorkflowState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '待审核', en: 'In review' },
  approved: { zh: '待发布', en: 'Approved' },
  released: { zh: '已发布', en: 'Released' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const ACTION_LABELS: Record<WorkflowAction, { zh: string; en: string }> = {
  submit: { zh: '提交审核', en: 'Submit for review' },
  approve: { zh: '通过', en: 'Approve' },
  return: { zh: '退回', en: 'Return' },
  release: { zh: '发布', en: 'Release' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  correct: { zh: '更正', en: 'Correct' },
};

/** The permission each action needs (checked on the server; the admin shows only what is allowed). */
export const ACTION_PERMISSIONS: Record<WorkflowAction, string> = {
  submit: 'plugin::disclosure.submit',
  approve: 'plugin::disclosure.review',
  return: 'plugin::disclosure.review',
  release: 'plugin::disclosure.release',
  withdraw: 'plugin::disclosure.withdraw',
  correct: 'plugin::disclosure.correct',
};

/** 退回, 撤回 and 更正 are explained to the people concerned: the reason is kept in the audit trail and shown. */
export const REASON_REQUIRED: ReadonlySet<WorkflowAction> = new Set(['return', 'withdraw', 'correct']);

export const ROLE_LABELS: Record<Exclude<WorkflowRole, 'sysadmin'>, string> = { editor: '编辑', reviewer: '审核员', publisher: '签发人' };

export interface WorkflowSnapshot {
  state: WorkflowState;
  /** Index into stages while in_review. */
  stageIndex: number | null;
  stages: StageDefinition[];
  /** Who created the document and who last edited this version (admin user ids). */
  authorId: number | null;
  lastEditorId: number | null;
  /** Approvals of the stages passed since the entry was last submitted. */
  approvals?: readonly { stage: string; userId: number | 'system' }[];
  /** Each stage needs an approver who approved no earlier stage (default on; see distinctApproversFor). */
  distinctApprovers?: boolean;
}

/** Per content type uid, or `default`: must every review stage be approved by a different person? */
export type DistinctApproversSetting = Record<string, boolean>;
export const DEFAULT_DISTINCT_APPROVERS: DistinctApproversSetting = { default: true };

export function distinctApproversFor(setting: DistinctApproversSetting | undefined, uid: string): boolean {
  return setting?.[uid] ?? setting?.default ?? true;
}

/** The problem with a distinctApprovers setting, or null: booleans only, keyed by `default` or a governed uid. */
export function distinctApproversProblem(setting: unknown, governed: readonly string[]): string | null {
  if (setting === undefined) return null;
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return 'must be an object { default?: boolean, <uid>?: boolean }';
  for (const [key, value] of Object.entries(setting)) {
    if (key !== 'default' && !governed.includes(key)) return `names ${key}, which is not a governed content type`;
    if (typeof value !== 'boolean') return `${key} must be true or false`;
  }
  return null;
}

export interface Actor {
  /** Admin user id, or 'system' for seeds and scheduled jobs. */
  id: number | 'system';
  roles: WorkflowRole[];
}

export type Decision =
  | { ok: true; action: WorkflowAction; from: WorkflowState; to: WorkflowState; stageIndex: number | null; permission: string; stage?: StageDefinition }
  | { ok: false; status: 400 | 403 | 409; code: string; message: string; messageEn: string };

type Refusal = Extract<Decision, { ok: false }>;
const refuse = (status: 400 | 403 | 409, code: string, message: string, messageEn: string): Refusal => ({ ok: false, status, code, message, messageEn });

/** Where the action leads from here, or null when it is not a transition of this state. */
function target(snapshot: WorkflowSnapshot, action: WorkflowAction): { to: WorkflowState; stageIndex: number | null } | null {
  const { state, stageIndex, stages } = snapshot;
  switch (`${state}:${action}`) {
    case 'draft:submit':
      return { to: 'in_review', stageIndex: 0 };
    case 'in_review:approve': {
      const next = (stageIndex ?? 0) + 1;
      return next < stages.length ? { to: 'in_review', stageIndex: next } : { to: 'approved', stageIndex: null };
    }
    case 'in_review:return':
    case 'approved:return':
      return { to: 'draft', stageIndex: null };
    case 'approved:release':
      return { to: 'released', stageIndex: null };
    case 'released:withdraw':
      return { to: 'withdrawn', stageIndex: null };
    case 'released:correct':
    case 'withdrawn:correct':
      return { to: 'draft', stageIndex: null };
    default:
      return null;
  }
}

/** The roles that may take an action in this state (sysadmin may take every action). */
export function rolesFor(snapshot: WorkflowSnapshot, action: WorkflowAction): WorkflowRole[] {
  switch (action) {
    case 'submit':
    case 'correct':
      return ['editor', 'sysadmin'];
    case 'approve':
    case 'return':
      if (snapshot.state === 'in_review') return [snapshot.stages[snapshot.stageIndex ?? 0]?.role ?? 'reviewer', 'sysadmin'];
      return ['publisher', 'sysadmin'];
    case 'release':
    case 'withdraw':
      return ['publisher', 'sysadmin'];
    default:
      return [];
  }
}

/** The stage an action in review acts on. */
const stageOf = (snapshot: WorkflowSnapshot) => (snapshot.state === 'in_review' ? snapshot.stages[snapshot.stageIndex ?? 0] : undefined);

export function decide(snapshot: WorkflowSnapshot, action: string, actor: Actor, { reason }: { reason?: string | null } = {}): Decision {
  if (!(ACTIONS as readonly string[]).includes(action)) {
    return refuse(400, 'UNKNOWN_ACTION', `未知的操作“${action}”`, `unknown action "${action}"`);
  }
  const act = action as WorkflowAction;
  const next = target(snapshot, act);
  if (!next) {
    return refuse(
      409,
      'ILLEGAL_TRANSITION',
      `当前状态“${STATE_LABELS[snapshot.state].zh}”不能执行“${ACTION_LABELS[act].zh}”`,
      `cannot ${act} an entry that is ${snapshot.state}`
    );
  }
  if (actor.id !== 'system') {
    const refusal = actorRefusal(snapshot, act, actor);
    if (refusal) return refusal;
  }
  if (REASON_REQUIRED.has(act) && !(reason && reason.trim())) {
    return refuse(400, 'REASON_REQUIRED', `${ACTION_LABELS[act].zh}必须填写理由`, `a reason is required to ${act}`);
  }
  return {
    ok: true,
    action: act,
    from: snapshot.state,
    to: next.to,
    stageIndex: next.stageIndex,
    permission: ACTION_PERMISSIONS[act],
    stage: stageOf(snapshot),
  };
}

/**
 * Why this person may not take an action the state allows, or null. The texts are what the refusal says and what the
 * panel shows beside the disabled button, so they speak to the person (「您…」).
 */
function actorRefusal(snapshot: WorkflowSnapshot, act: WorkflowAction, actor: Actor): Refusal | null {
  const allowed = rolesFor(snapshot, act);
  if (!actor.roles.some((role) => allowed.includes(role))) {
    const role = allowed.find((r): r is Exclude<WorkflowRole, 'sysadmin'> => r !== 'sysadmin') ?? 'editor';
    const stage = stageOf(snapshot);
    const [message, messageEn] =
      act === 'approve' && role === 'publisher'
        ? [`您没有签发权限（“${stage?.name ?? '签发'}”需由签发人审核）`, 'you may not sign off (publishers only)']
        : act === 'approve'
          ? [`您没有审核权限（“${stage?.name ?? '审核'}”需由${ROLE_LABELS[role]}审核）`, `only a ${role} may approve this stage`]
          : [`您没有${ACTION_LABELS[act].zh}权限（需由${ROLE_LABELS[role]}${ACTION_LABELS[act].zh}）`, `only a ${role} may ${act} this entry now`];
    return refuse(403, 'NOT_ALLOWED', message, messageEn);
  }
  // Separation of duties: nobody approves or releases a version they wrote.
  if ((act === 'approve' || act === 'release') && (actor.id === snapshot.authorId || actor.id === snapshot.lastEditorId)) {
    return refuse(
      403,
      'SELF_APPROVAL',
      `您编辑过此版本，不能${act === 'approve' ? '审核' : '发布'}（需由未参与撰写和修改的人${act === 'approve' ? '审核' : '发布'}）`,
      'you wrote or last edited this version and cannot approve or release it'
    );
  }
  // Four eyes per stage: one person cannot carry an entry through several review stages.
  if (act === 'approve' && (snapshot.distinctApprovers ?? true) && (snapshot.approvals ?? []).some((a) => a.userId === actor.id)) {
    return refuse(
      403,
      'DISTINCT_APPROVER_REQUIRED',
      `您已审核通过本条目的前一环节，“${stageOf(snapshot)?.name ?? '本环节'}”需由其他审核员审核（每个审核环节须由不同的人审核）`,
      'you approved an earlier stage of this entry; each stage needs a different approver'
    );
  }
  return null;
}

/** One action the state allows, for this person: available, or why not (code and text from the same rules as decide). */
export type ActionOption =
  | { action: WorkflowAction; available: true; needsReason: boolean }
  | { action: WorkflowAction; available: false; needsReason: boolean; code: string; message: string; messageEn: string };

/**
 * Every action the entry's state allows, each available to this actor or not with the reason: what the panel shows,
 * enabled or disabled with its explanation. Actions the state does not allow are not listed.
 */
export function actionOptions(snapshot: WorkflowSnapshot, actor: Actor): ActionOption[] {
  return ACTIONS.filter((action) => target(snapshot, action) !== null).map((action): ActionOption => {
    const needsReason = REASON_REQUIRED.has(action);
    const refusal = actor.id === 'system' ? null : actorRefusal(snapshot, action, actor);
    return refusal
      ? { action, available: false, needsReason, code: refusal.code, message: refusal.message, messageEn: refusal.messageEn }
      : { action, available: true, needsReason };
  });
}

/** The actions this actor may take now (what the admin panel offers). */
export function availableActions(snapshot: WorkflowSnapshot, actor: Actor): WorkflowAction[] {
  return actionOptions(snapshot, actor)
    .filter((option) => option.available)
    .map((option) => option.action);
}

/** What may happen to the stored content while in a state. */
export type EditPolicy = 'allow' | 'allow_back_to_draft' | 'refuse_in_review' | 'refuse_correction_required';

export function editPolicy(state: WorkflowState): EditPolicy {
  switch (state) {
    case 'draft':
      return 'allow';
    case 'approved':
    case 'withdrawn':
      return 'allow_back_to_draft';
    case 'in_review':
      return 'refuse_in_review';
    case 'released':
      return 'refuse_correction_required';
  }
}

/**
 * The status the content manager shows for an entry (its badges read `content-manager.containers.List.<status>`):
 * the workflow state, so Strapi's 草稿 / 已修改 never contradicts it. 已发布 is Strapi's own `published`; a draft
 * whose released version stays public is being corrected.
 */
export type AdminStatus = 'draft' | 'correcting' | 'in_review' | 'approved' | 'published' | 'withdrawn';

export function adminStatus(state: WorkflowState, hasReleasedVersion: boolean): AdminStatus {
  switch (state) {
    case 'draft':
      return hasReleasedVersion ? 'correcting' : 'draft';
    case 'released':
      return 'published';
    default:
      return state;
  }
}

/** Why the form is locked in a state, or null when it may be edited (mirrors editPolicy). */
export function editLock(state: WorkflowState): { code: 'ENTRY_IN_REVIEW' | 'CORRECTION_REQUIRED'; message: string } | null {
  switch (editPolicy(state)) {
    case 'refuse_in_review':
      return { code: 'ENTRY_IN_REVIEW', message: '审核中，内容已锁定；如需修改请由审核人员退回后再改' };
    case 'refuse_correction_required':
      return { code: 'CORRECTION_REQUIRED', message: '已发布，内容已锁定；如需修改请点击“更正”' };
    default:
      return null;
  }
}
