import {
  ACTIONS,
  actionOptions,
  adminStatus,
  availableActions,
  decide,
  DEFAULT_STAGES,
  distinctApproversFor,
  distinctApproversProblem,
  editLock,
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

  it('each review stage needs an approver who approved no earlier stage of this round', () => {
    const afterFirst = { ...snapshot('in_review', 1), approvals: [{ stage: 'department_review', userId: 99 }] };
    expect(decide(afterFirst, 'approve', actor('reviewer', 99))).toMatchObject({ ok: false, status: 403, code: 'DISTINCT_APPROVER_REQUIRED', message: expect.stringMatching(/不同的人/) });
    expect(decide(afterFirst, 'approve', actor('reviewer', 98))).toMatchObject({ ok: true, stageIndex: 2 });
    // A sysadmin is no exception, nor is the sign-off stage.
    const atSignOff = { ...snapshot('in_review', 2), approvals: [{ stage: 'department_review', userId: 97 }, { stage: 'confidentiality_review', userId: 98 }] };
    expect(decide(atSignOff, 'approve', { id: 98, roles: ['sysadmin'] })).toMatchObject({ code: 'DISTINCT_APPROVER_REQUIRED' });
    expect(decide(atSignOff, 'approve', actor('publisher', 96))).toMatchObject({ ok: true, to: 'approved' });
    // Returning is still open to them, and so is releasing what they signed off.
    expect(decide(afterFirst, 'return', actor('reviewer', 99), { reason: '补充材料' })).toMatchObject({ ok: true });
    expect(decide({ ...snapshot('approved'), approvals: [{ stage: 'sign_off', userId: 96 }] }, 'release', actor('publisher', 96))).toMatchObject({ ok: true });
    // The system actor (seeds) is bound by states only.
    expect(decide({ ...snapshot('in_review', 1), approvals: [{ stage: 'department_review', userId: 'system' }] }, 'approve', { id: 'system', roles: [] })).toMatchObject({ ok: true });
  });

  it('distinct approvers can be turned off per type, and the offered actions follow the rule', () => {
    const afterFirst = { ...snapshot('in_review', 1), approvals: [{ stage: 'department_review', userId: 99 }] };
    expect(decide({ ...afterFirst, distinctApprovers: false }, 'approve', actor('reviewer', 99))).toMatchObject({ ok: true });
    expect(availableActions(afterFirst, actor('reviewer', 99))).toEqual(['return']);
    expect(availableActions({ ...afterFirst, distinctApprovers: false }, actor('reviewer', 99))).toEqual(['approve', 'return']);
    expect(distinctApproversFor(undefined, 'api::a.a')).toBe(true);
    expect(distinctApproversFor({ default: true, 'api::a.a': false }, 'api::a.a')).toBe(false);
    expect(distinctApproversFor({ default: false }, 'api::b.b')).toBe(false);
    expect(distinctApproversFor({ 'api::a.a': false }, 'api::b.b')).toBe(true);
  });

  it('a distinctApprovers setting is checked at boot', () => {
    const governed = ['api::a.a'];
    expect(distinctApproversProblem(undefined, governed)).toBeNull();
    expect(distinctApproversProblem({ default: true, 'api::a.a': false }, governed)).toBeNull();
    expect(distinctApproversProblem(true, governed)).toMatch(/object/);
    expect(distinctApproversProblem({ 'api::typo.typo': false }, governed)).toMatch(/api::typo\.typo/);
    expect(distinctApproversProblem({ default: 'no' }, governed)).toMatch(/true or false/);
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

  it('更正 needs a reason like 退回 and 撤回', () => {
    expect(decide(snapshot('released'), 'correct', actor('editor'))).toMatchObject({ status: 400, code: 'REASON_REQUIRED', message: '更正必须填写理由' });
    expect(decide(snapshot('released'), 'correct', actor('editor'), { reason: '日期有误' })).toMatchObject({ ok: true, to: 'draft' });
  });

  it('lists every action the state allows, each available or not with the reason decide would give', () => {
    // The author, given the reviewer role: they edited this version.
    expect(actionOptions(snapshot('in_review'), { id: AUTHOR, roles: ['reviewer'] })).toEqual([
      { action: 'approve', available: false, needsReason: false, code: 'SELF_APPROVAL', message: expect.stringMatching(/^您编辑过此版本，不能审核/), messageEn: expect.any(String) },
      { action: 'return', available: true, needsReason: true },
    ]);
    const afterFirst = { ...snapshot('in_review', 1), approvals: [{ stage: 'department_review', userId: 99 }] };
    expect(actionOptions(afterFirst, actor('reviewer', 99))[0]).toMatchObject({ available: false, code: 'DISTINCT_APPROVER_REQUIRED', message: expect.stringContaining('“保密审查”需由其他审核员审核') });
    expect(actionOptions(snapshot('in_review', 2), actor('reviewer'))[0]).toMatchObject({ available: false, code: 'NOT_ALLOWED', message: expect.stringMatching(/^您没有签发权限/) });
    expect(actionOptions(snapshot('in_review', 0), actor('editor'))[0]).toMatchObject({ available: false, code: 'NOT_ALLOWED', message: expect.stringContaining('“部门初审”需由审核员审核') });
    expect(actionOptions(snapshot('approved'), actor('reviewer'))).toMatchObject([
      { action: 'return', available: false, message: '您没有退回权限（需由签发人退回）' },
      { action: 'release', available: false, message: '您没有发布权限（需由签发人发布）' },
    ]);
    expect(actionOptions(snapshot('released'), actor('publisher'))).toMatchObject([
      { action: 'withdraw', available: true, needsReason: true },
      { action: 'correct', available: false, code: 'NOT_ALLOWED', needsReason: true },
    ]);
    // One rule set: whenever an option is unavailable, decide refuses with the same code and text.
    for (const [state, stage] of positions) {
      for (const role of ROLES) {
        for (const o of actionOptions(snapshot(state, stage), actor(role, AUTHOR))) {
          const d = decide(snapshot(state, stage), o.action, actor(role, AUTHOR), { reason: '理由' });
          if (o.available) expect(d.ok).toBe(true);
          else expect(d).toMatchObject({ ok: false, code: o.code, message: o.message });
        }
      }
    }
  });

  it('edits are refused in review and after release, and send an approved entry back to draft', () => {
    expect(editPolicy('draft')).toBe('allow');
    expect(editPolicy('in_review')).toBe('refuse_in_review');
    expect(editPolicy('approved')).toBe('allow_back_to_draft');
    expect(editPolicy('released')).toBe('refuse_correction_required');
    expect(editPolicy('withdrawn')).toBe('allow_back_to_draft');
  });

  it('the form is locked, with the reason, exactly where edits are refused', () => {
    for (const state of STATES) expect([state, editLock(state) !== null]).toEqual([state, editPolicy(state).startsWith('refuse')]);
    expect(editLock('in_review')?.message).toContain('审核中，内容已锁定');
    expect(editLock('released')?.message).toBe('已发布，内容已锁定；如需修改请点击“更正”');
  });

  it('the content manager is shown the workflow state: a released entry is published, a draft of one is being corrected', () => {
    expect(adminStatus('draft', false)).toBe('draft');
    expect(adminStatus('draft', true)).toBe('correcting');
    expect(adminStatus('in_review', true)).toBe('in_review');
    expect(adminStatus('approved', false)).toBe('approved');
    expect(adminStatus('released', true)).toBe('published');
    expect(adminStatus('withdrawn', false)).toBe('withdrawn');
  });

  // Each action decided where the table allows it, so every decision is a success that names its permission.
  it.each([
    ['submit', 'plugin::disclosure.submit'],
    ['approve', 'plugin::disclosure.review'],
    ['return', 'plugin::disclosure.review'],
    ['release', 'plugin::disclosure.release'],
    ['withdraw', 'plugin::disclosure.withdraw'],
    ['correct', 'plugin::disclosure.correct'],
  ] as [WorkflowAction, string][])('names the permission %s needs: %s', (action, permission) => {
    const [key, rule] = Object.entries(ALLOWED).find(([k]) => k.endsWith(`:${action}`))!;
    const [state, stage] = key.split(':');
    const d = decide(snapshot(state as WorkflowState, stage === '-' ? null : Number(stage)), action, actor(rule.roles[0]), { reason: '理由' });
    expect(d).toMatchObject({ ok: true, action, permission });
  });
});
