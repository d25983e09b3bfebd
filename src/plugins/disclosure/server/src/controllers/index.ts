import consumer from './consumer';
import consumerAdmin from './consumer-admin';
import staffAdmin from './staff-admin';
import workflow from './workflow';

export default { consumer, 'consumer-admin': consumerAdmin, 'staff-admin': staffAdmin, workflow };
