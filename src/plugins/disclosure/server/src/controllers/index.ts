import consumer from './consumer';
import consumerAdmin from './consumer-admin';
import workflow from './workflow';

export default { consumer, 'consumer-admin': consumerAdmin, workflow };
