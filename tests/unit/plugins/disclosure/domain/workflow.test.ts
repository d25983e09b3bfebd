import {
  ACTIONS,
  availableActions,
  decide,
  DEFAULT_STAGES,
  editPolicy,
  ROLES,
  STATES,
  WorkflowAction,
  WorkflowRole,
  WorkflowSnapshot,
  WorkflowState,
} from '../../../../../src/plugins/disclosure/server/src/domain/workflow';
import { ALLOWED } from '../../../../helpers/workflow-table';

const AUTHOR = 1;
const snapshot = (state: WorkflowState, stageIndex: number | null = state === 'in_review' ? 0 : null): WorkflowSnapshot => ({
  state,
  stageIndex,
  stages: DEFAULT_STAGES,
  authorId: AUTHOR,
  lastEditorId: AUTHOR,
});
const actor = (role: WorkflowRole, id = 99) => ({ id, roles: [role] });

const positions: [WorkflowState, number | null][] = STATES.flatMap((state) =>
  state === 'in_review' ? DEFAULT_STAGES.map((_, i) => [state, i] as [WorkflowState, number]) : [[state, null] as [WorkflowState, null]]
);
const matrix = positions.flatMap(([state, stage]) => ACTIONS.flatMap((action) => ROLES.map((role) => [state, stage, action, role] as const)));

describe('workflow: every (state, stage, action, role)', () => {
  it.each(matrix)('%s stage %p: %s by %s', (state, stage, action, role) => {
    const rule = ALLOWED[`${state}:${stage ?? '-'}:${action}`];
    const decision = decide(snapshot(state, stage), action, actor(role), { reason: '理由' });
    if (!rule) {
      expect(decision).toMatchObject({ ok: false, status: 409, code: 'ILLEGAL_TRANSITION' });
    } else if (!rule.roles.includes(role)) {
      expect(decision).toMatchObject({ ok: false, status: 403, code: 'NOT_ALLOWED' });
    } else {
      expect(decision).toMatchObject({ ok: true, from: state, to: rule.to, stageIndex: rule.stage });
    }
  });
});

describe('workflow rules', () => {
  it('returning and withdrawing need a reason', () => {
    expect(decide(snapshot('in_review'), 'return', actor('reviewer'), { reason: '  ' })).toMatchObject({ status: 400, code: 'REASON_REQUIRED', message: '退回必须填写理由' });
    expect(decide(snapshot('released'), 'withdraw', actor('publisher'))).toMatchObject({ status: 400, code: 'REASON_REQUIRED' });
  });

  it('nobody approves or releases a version they wrote or last edited', () => {
    expect(decide(snapshot('in_review'), 'approve', actor('reviewer', AUTHOR))).toMatchObject({ status: 403, code: 'SELF_APPROVAL' });
    expect(decide({ ...snapshot('in_review'), authorId: 5, lastEditorId: 7 }, 'approve', actor('reviewer', 7))).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(decide(snapshot('approved'), 'release', actor('sysadmin', AUTHOR))).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(decide(snapshot('in_review'), 'return', actor('reviewer', AUTHOR), { reason: '自己退回' })).toMatchObject({ ok: true });
  });

  it('the system actor (seeds, schedules) is bound by the states but not by roles', () => {
    expect(decide(snapshot('approved'), 'release', { id: 'system', roles: [] })).toMatchObject({ ok: true, to: 'released' });
    expect(decide(snapshot('draft'), 'release', { id: 'system', roles: [] })).toMatchObject({ status: 409 });
  });

  it('stages are configurable', () => {
    const single = { ...snapshot('in_review'), stages: [{ key: 'only', name: '审核', role: 'reviewer' as const }] };
    expect(decide(single, 'approve', actor('reviewer'))).toMatchObject({ ok: true, to: 'approved' });
  });

  it('rejects an unknown action with 400', () => {
    expect(decide(snapshot('draft'), 'publish', actor('sysadmin'))).toMatchObject({ status: 400, code: 'UNKNOWN_ACTION' });
  });

  it('offers each actor only what it may do', () => {
    expect(availableActions(snapshot('draft'), actor('editor'))).toEqual(['submit']);
    expect(availableActions(snapshot('in_review', 2), actor('publisher'))).toEqual(['approve', 'return']);
    expect(availableActions(snapshot('released'), actor('publisher'))).toEqual(['withdraw']);
    expect(availableActions(snapshot('in_review'), actor('reviewer', AUTHOR))).toEqual(['return']);
  });

  it('edits are refused in review and after release, and send an approved entry back to draft', () => {
    expect(editPolicy('draft')).toBe('allow');
    expect(editPolicy('in_review')).toBe('refuse_in_review');
    expect(editPolicy('approved')).toBe('allow_back_to_draft');
    expect(editPolicy('released')).toBe('refuse_correction_required');
    expect(editPolicy('withdrawn')).toBe('allow_back_to_draft');
  });

  it('names each action and its permission', () => {
    const actions: WorkflowAction[] = ['submit', 'approve', 'return', 'release', 'withdraw', 'correct'];
    for (const action of actions) {
      const d = decide(snapshot('draft'), action, actor('sysadmin'));
      if (d.ok) expect(d.permission).toMatch(/^plugin::disclosure\./);
    }
  });
});
