import annualReportAdmin from './annual-report-admin';
import applicationAdmin from './application-admin';
import applicationPublic from './application-public';
import catalogAdmin from './catalog-admin';
import consumer from './consumer';
import consumerAdmin from './consumer-admin';
import operations from './operations';
import staffAdmin from './staff-admin';
import workflow from './workflow';

export default {
  'annual-report-admin': annualReportAdmin,
  'application-admin': applicationAdmin,
  'application-public': applicationPublic,
  'catalog-admin': catalogAdmin,
  consumer,
  'consumer-admin': consumerAdmin,
  operations,
  'staff-admin': staffAdmin,
  workflow,
};
