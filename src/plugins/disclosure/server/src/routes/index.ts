/** Admin API of the workflow, under /disclosure (admin JWT). */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'POST', path: '/transitions', handler: 'workflow.transition', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/history/:uid/:documentId', handler: 'workflow.history', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/config', handler: 'workflow.config', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'POST', path: '/schedule', handler: 'workflow.schedule', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/deadlines', handler: 'workflow.deadlines', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/calendar/working-days', handler: 'workflow.workingDays', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/calendar/status', handler: 'workflow.calendarStatus', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/inbox', handler: 'workflow.inbox', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        method: 'GET',
        path: '/audit/verify',
        handler: 'workflow.verifyAudit',
        config: {
          policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: ['plugin::disclosure.audit'] } }],
        },
      },
    ],
  },
};
