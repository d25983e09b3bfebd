import adminLabels from './admin-labels';
import catalog from './catalog';
import indexNumber from './index-number';
import publicAccess from './public-access';

export default {
  'admin-labels': adminLabels,
  catalog,
  'index-number': indexNumber,
  'public-access': publicAccess,
};
