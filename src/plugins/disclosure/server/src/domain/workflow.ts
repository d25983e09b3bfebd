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

const REASON_REQUIRED: ReadonlySet<WorkflowAction> = new Set(['return', 'withdraw']);

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

const refuse = (status: 400 | 403 | 409, code: string, message: string, messageEn: string): Decision => ({ ok: false, status, code, message, messageEn });

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
    const allowed = rolesFor(snapshot, act);
    if (!actor.roles.some((role) => allowed.includes(role))) {
      return refuse(403, 'NOT_ALLOWED', `您没有权限执行“${ACTION_LABELS[act].zh}”`, `your role may not ${act} this entry now`);
    }
    // Separation of duties: nobody approves or releases a version they wrote.
    if ((act === 'approve' || act === 'release') && (actor.id === snapshot.authorId || actor.id === snapshot.lastEditorId)) {
      return refuse(403, 'SELF_APPROVAL', '不能审核或发布自己撰写或最后修改的版本', 'you wrote or last edited this version and cannot approve or release it');
    }
    // Four eyes per stage: one person cannot carry an entry through several review stages.
    if (act === 'approve' && (snapshot.distinctApprovers ?? true) && (snapshot.approvals ?? []).some((a) => a.userId === actor.id)) {
      return refuse(403, 'DISTINCT_APPROVER_REQUIRED', '您已审核通过本条目的前一环节，每个审核环节须由不同的人审核', 'you approved an earlier stage of this entry; each stage needs a different approver');
    }
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
    stage: snapshot.state === 'in_review' ? snapshot.stages[snapshot.stageIndex ?? 0] : undefined,
  };
}

/** The actions this actor may take now (what the admin panel offers). */
export function availableActions(snapshot: WorkflowSnapshot, actor: Actor): WorkflowAction[] {
  return ACTIONS.filter((action) => {
    const d = decide(snapshot, action, actor, { reason: 'x' });
    return d.ok;
  });
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
