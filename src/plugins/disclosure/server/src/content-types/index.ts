import calendarDay from './calendar-day';
import consumerSite from './consumer-site';
import sensitiveTerm from './sensitive-term';

export default {
  'calendar-day': calendarDay,
  'consumer-site': consumerSite,
  'sensitive-term': sensitiveTerm,
};
