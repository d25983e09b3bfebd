import application from './application';
import applicationCase from './application-case';
import calendarDay from './calendar-day';
import consumerSite from './consumer-site';
import sensitiveTerm from './sensitive-term';

export default {
  application,
  'application-case': applicationCase,
  'calendar-day': calendarDay,
  'consumer-site': consumerSite,
  'sensitive-term': sensitiveTerm,
};
