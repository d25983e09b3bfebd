import type { WorkflowRole, WorkflowState } from '../../src/plugins/disclosure/server/src/domain/workflow';

/**
 * The specification of the workflow, written out: for each state (and review
 * stage) and action, the roles that may take it and where it leads. Every
 * combination not listed is an illegal transition (409); a listed one taken by
 * another role is forbidden (403).
 */
export const ALLOWED: Record<string, { roles: WorkflowRole[]; to: WorkflowState; stage: number | null }> = {
  'draft:-:submit': { roles: ['editor', 'sysadmin'], to: 'in_review', stage: 0 },
  'in_review:0:approve': { roles: ['reviewer', 'sysadmin'], to: 'in_review', stage: 1 },
  'in_review:1:approve': { roles: ['reviewer', 'sysadmin'], to: 'in_review', stage: 2 },
  'in_review:2:approve': { roles: ['publisher', 'sysadmin'], to: 'approved', stage: null },
  'in_review:0:return': { roles: ['reviewer', 'sysadmin'], to: 'draft', stage: null },
  'in_review:1:return': { roles: ['reviewer', 'sysadmin'], to: 'draft', stage: null },
  'in_review:2:return': { roles: ['publisher', 'sysadmin'], to: 'draft', stage: null },
  'approved:-:return': { roles: ['publisher', 'sysadmin'], to: 'draft', stage: null },
  'approved:-:release': { roles: ['publisher', 'sysadmin'], to: 'released', stage: null },
  'released:-:withdraw': { roles: ['publisher', 'sysadmin'], to: 'withdrawn', stage: null },
  'released:-:correct': { roles: ['editor', 'sysadmin'], to: 'draft', stage: null },
  'withdrawn:-:correct': { roles: ['editor', 'sysadmin'], to: 'draft', stage: null },
};

/** Every position an entry can be in: each state, and each review stage. */
export const POSITIONS: { state: WorkflowState; stage: number | null }[] = [
  { state: 'draft', stage: null },
  { state: 'in_review', stage: 0 },
  { state: 'in_review', stage: 1 },
  { state: 'in_review', stage: 2 },
  { state: 'approved', stage: null },
  { state: 'released', stage: null },
  { state: 'withdrawn', stage: null },
];

export const ruleFor = (state: WorkflowState, stage: number | null, action: string) => ALLOWED[`${state}:${stage ?? '-'}:${action}`];

/** The system-actor steps that take a fresh draft to a position. */
export function stepsTo(state: WorkflowState, stage: number | null): string[] {
  switch (state) {
    case 'draft':
      return [];
    case 'in_review':
      return ['submit', ...Array(stage ?? 0).fill('approve')];
    case 'approved':
      return ['submit', 'approve', 'approve', 'approve'];
    case 'released':
      return [...stepsTo('approved', null), 'release'];
    case 'withdrawn':
      return [...stepsTo('released', null), 'withdraw'];
  }
}
