import adminLabels from './admin-labels';
import audit from './audit';
import calendar from './calendar';
import catalog from './catalog';
import deadlines from './deadlines';
import indexNumber from './index-number';
import publicAccess from './public-access';
import releaseChecks from './release-checks';
import roles from './roles';
import scheduler from './scheduler';
import staff from './staff';
import workflow from './workflow';

export default {
  'admin-labels': adminLabels,
  audit,
  calendar,
  catalog,
  deadlines,
  'index-number': indexNumber,
  'public-access': publicAccess,
  'release-checks': releaseChecks,
  roles,
  scheduler,
  staff,
  workflow,
};
