import adminLabels from './admin-labels';
import annualReportFigures from './annual-report-figures';
import annualReports from './annual-reports';
import applicationHandling from './application-handling';
import applicationIntake from './application-intake';
import attachments from './attachments';
import audit from './audit';
import calendar from './calendar';
import catalog from './catalog';
import catalogExport from './catalog-export';
import catalogImport from './catalog-import';
import consumerApi from './consumer-api';
import consumerCache from './consumer-cache';
import consumerSites from './consumer-sites';
import deadlines from './deadlines';
import entryVersions from './entry-versions';
import feed from './feed';
import indexNumber from './index-number';
import indexes from './indexes';
import operations from './operations';
import publicAccess from './public-access';
import rateLimit from './rate-limit';
import releaseChecks from './release-checks';
import roles from './roles';
import scheduler from './scheduler';
import searchIndex from './search-index';
import search from './search';
import staff from './staff';
import webhooks from './webhooks';
import workQueue from './work-queue';
import workflow from './workflow';

export default {
  'admin-labels': adminLabels,
  'annual-report-figures': annualReportFigures,
  'annual-reports': annualReports,
  'application-handling': applicationHandling,
  'application-intake': applicationIntake,
  attachments,
  audit,
  calendar,
  catalog,
  'catalog-export': catalogExport,
  'catalog-import': catalogImport,
  'consumer-api': consumerApi,
  'consumer-cache': consumerCache,
  'consumer-sites': consumerSites,
  deadlines,
  'entry-versions': entryVersions,
  feed,
  'index-number': indexNumber,
  indexes,
  operations,
  'public-access': publicAccess,
  'rate-limit': rateLimit,
  'release-checks': releaseChecks,
  roles,
  scheduler,
  'search-index': searchIndex,
  search,
  staff,
  webhooks,
  'work-queue': workQueue,
  workflow,
};
