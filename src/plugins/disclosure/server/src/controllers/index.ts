import applicationAdmin from './application-admin';
import consumer from './consumer';
import consumerAdmin from './consumer-admin';
import staffAdmin from './staff-admin';
import workflow from './workflow';

export default { 'application-admin': applicationAdmin, consumer, 'consumer-admin': consumerAdmin, 'staff-admin': staffAdmin, workflow };
